/**
 * A cache a pure stage may consult: what was remembered under a key, and
 * a way to remember a result. The stage decides what may be remembered (a
 * result computed without some blob is not), the caller where it is kept.
 */
export interface Memo<T> {
  peek(key: string): T | null;
  keep(key: string, value: T): void;
}
