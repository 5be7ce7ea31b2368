import { describe, expect, it } from "vitest";
import { readHcl } from "../../src/drift/hcl.js";
import { diffTerraform } from "../../src/drift/terraform.js";
import type { TerraformDetails } from "../../src/drift/types.js";

const stable = `# Payment router infrastructure
terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1" # Ireland
}

locals {
  name = "router-\${var.env}"
  tags = { team = "payments" }
}

resource "aws_ecs_task_definition" "router" {
  family = local.name
  container_definitions = <<-EOT
    [{ "name": "router", "image": "juspay/router:v1.1" }]
  EOT
  volume {
    name = "config"
  }
}

resource "aws_security_group" "router" {
  ingress {
    from_port = 8080
    to_port   = 8080
  }
}

output "task_arn" {
  value = aws_ecs_task_definition.router.arn
}
`;

const main = `# Payment router infrastructure
terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

/* Region moved to a
   block comment { with a brace } */
variable "region" {
  type = string
  default = "eu-west-1"
}

locals {
  name = "router-\${var.env == "prod" ? "live" : var.env}"
  tags = { team = "payments", cost = "router" }
}

resource "aws_ecs_task_definition" "router" {
  family = local.name
  container_definitions = <<-EOT
    [{ "name": "router", "image": "juspay/router:v1.2" }]
    }}} unbalanced braces inside a heredoc are text
  EOT
  volume {
    name = "config"
  }
}

resource "aws_security_group" "router" {
  ingress {
    from_port = 8080
    to_port   = 8080
  }
  ingress {
    from_port = 9090 // metrics
    to_port   = 9090
  }
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}
`;

describe("diffTerraform", () => {
  it("reports blocks by address: added, removed and changed with the members that changed", () => {
    const details = diffTerraform(stable, main) as TerraformDetails;
    expect(details.kind).toBe("terraform");
    expect(details.added).toEqual(["provider.aws.us", "module.vpc"]);
    expect(details.removed).toEqual(["output.task_arn"]);
    expect(details.changed).toEqual([
      { address: "local.name", attributes: [] },
      { address: "local.tags", attributes: [] },
      { address: "aws_ecs_task_definition.router", attributes: ["container_definitions"] },
      { address: "aws_security_group.router", attributes: ["ingress"] },
    ]);
  });

  it("ignores comments and layout, and never shows values", () => {
    const details = diffTerraform(stable, main) as TerraformDetails;
    expect(details.changed.map((change) => change.address)).not.toContain("var.region");
    expect(JSON.stringify(details)).not.toContain("juspay/router");
  });

  it("reads tfvars attributes and falls back to lines when braces do not balance", () => {
    expect(diffTerraform('region = "eu-west-1"\ndb_password = "a"\n', 'region = "eu-west-1"\ndb_password = "b"\nreplicas = 3\n')).toEqual({
      kind: "terraform",
      added: ["replicas"],
      removed: [],
      changed: [{ address: "db_password", attributes: [] }],
    });
    expect(diffTerraform('resource "a" "b" {\n', stable)).toMatchObject({ kind: "lines", unparsed: true });
  });

  it("keeps strings with nested template strings and braces in one token", () => {
    const items = readHcl('locals {\n  x = "a { \${ join("}", ["{"]) } b"\n  y = 1\n}\n')!;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "block", type: "locals", body: [{ name: "x" }, { name: "y", text: "1" }] });
  });
});
