// The bytes of what the user picked or dropped, with paths relative to it (a dropped SavedModel folder keeps
// `saved_model.pb` and `variables/…` together).
import type { OpenedFile } from "../worker/protocol";

async function read(file: File, path: string): Promise<OpenedFile> {
  return { path, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export async function fromFileList(list: FileList | File[]): Promise<OpenedFile[]> {
  return Promise.all([...list].map((f) => read(f, f.webkitRelativePath || f.name)));
}

function entries(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (!batch.length) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, out: OpenedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(await read(file, entry.fullPath.replace(/^\//, "")));
  } else if (entry.isDirectory) {
    for (const child of await entries(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

export async function fromDrop(transfer: DataTransfer): Promise<OpenedFile[]> {
  const items = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (!items.length) return fromFileList(transfer.files);
  const out: OpenedFile[] = [];
  for (const entry of items) await walk(entry, out);
  return out;
}
