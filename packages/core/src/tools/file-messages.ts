// Beyond TF1: the messages of the checkpoint doctor and the name lock, in one place (tests assert the literal text).

export const messages = {
  doctorInput: (value: unknown) =>
    `tools.checkpointDoctor: expected a Saver, a list of variables, a { checkpointKey: variable } object or a MetaGraphDef, got ${String(value)}`,
  lockNotJson: (path: string, reason: string) =>
    `${path} is not a scopeflow name lock (expected JSON {"version": 1, "variables": [...]}): ${reason}`,
  lockVersion: (path: string, version: unknown) =>
    `${path}: name lock version ${JSON.stringify(version)} is not supported (this scopeflow reads version 1); write it again with tools.writeNameLock`,
  lockEntry: (path: string, index: number) =>
    `${path}: variables[${index}] is not a locked variable ({ name, shape, dtype, trainable, collections })`,
};
