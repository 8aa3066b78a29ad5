import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ScalingoConfigError } from "../errors";
import type { CallOptions } from "./connection";
import type { RegionChannel } from "./region-channel";
import type { Secret } from "./secret";
import { parseAnswer, secretString } from "./wire";

/** A place to upload a code archive to, and the URL a deployment then reads it from. Both live ~10 min. */
export interface Source {
  uploadUrl: Secret;
  downloadUrl: Secret;
}

const sourceSchema = z
  .object({ source: z.object({ upload_url: secretString, download_url: secretString }) })
  .transform((b): Source => ({ uploadUrl: b.source.upload_url, downloadUrl: b.source.download_url }));

const GZIP_MAGIC = [0x1f, 0x8b];

/** Sources: how an archive on this machine reaches a deployment (`POST /v1/sources`, then a PUT). */
export class Sources {
  constructor(private readonly channel: RegionChannel) {}

  async create(options?: CallOptions): Promise<Source> {
    return parseAnswer(sourceSchema, await this.channel.call({ method: "POST", path: "/v1/sources", body: {} }, options));
  }

  /** PUTs the archive to the source's pre-signed upload URL (outside the API's budget). */
  async upload(source: Source, archive: Uint8Array): Promise<void> {
    await this.channel.signedUrl(source.uploadUrl, "source upload URL", { method: "PUT", rawBody: { contentType: "application/x-gzip", data: archive } });
  }

  /**
   * Uploads a local `.tar.gz` (one top-level folder, as Scalingo wants) and gives the URL to
   * deploy from. Checked to be gzip first: a wrong file fails here, not as a build error later.
   */
  async uploadFile(path: string, options?: CallOptions): Promise<Secret> {
    let archive: Buffer;
    try {
      archive = await readFile(path);
    } catch (error) {
      throw new ScalingoConfigError("sourceArchive", `cannot read the code archive ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`, "unreadable_archive");
    }
    if (archive[0] !== GZIP_MAGIC[0] || archive[1] !== GZIP_MAGIC[1]) {
      throw new ScalingoConfigError("sourceArchive", `the code archive ${path} is not a gzip file (Scalingo deploys a .tar.gz with one top-level folder)`, "not_gzip");
    }
    const source = await this.create(options);
    await this.upload(source, archive);
    return source.downloadUrl;
  }
}
