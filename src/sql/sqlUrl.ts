/** `--sql-url mysql://user[:password]@host[:port]`: checked once, with a message that names the problem. */
import { ConfigurationError } from "../core/errors.js";

export interface SqlServerAddress {
  host: string;
  port: number;
  user: string;
  password?: string;
}

export function parseSqlUrl(text: string): SqlServerAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError(`--sql-url "${text}" is not a URL (expected mysql://user@127.0.0.1:3306)`);
  }
  if (url.protocol !== "mysql:" && url.protocol !== "mariadb:") {
    throw new ConfigurationError(`--sql-url "${text}" must start with mysql:// (MySQL or MariaDB)`);
  }
  if (url.pathname !== "" && url.pathname !== "/") {
    throw new ConfigurationError(`--sql-url "${text}" names a database; leave it out: each task selects its own database`);
  }
  const port = url.port === "" ? 3306 : Number(url.port);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port,
    user: decodeURIComponent(url.username || "root"),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
  };
}

/** A URL with its password replaced by `***` (any other text as it is), for logs and run identities. */
export function redactUrlPassword(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*:[^/]*@/i.test(text)) return text;
  try {
    const url = new URL(text);
    if (!url.password) return text;
    url.password = "***";
    return url.toString().replace(/\/$/, "");
  } catch {
    return text;
  }
}
