// Stored files (blobs in the database, so every instance serves them), for the capabilities.
export { deleteFile, fileInfos, findFile, insertFile, type StoredFileInfo } from './files.repository.js';
