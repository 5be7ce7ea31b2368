/** What kind of Docker/IaC file a path is; config may add categories of its own. */
export type Category =
  | "docker"
  | "compose"
  | "env"
  | "kubernetes"
  | "helm"
  | "terraform"
  | "ci"
  | "config"
  | (string & {});
