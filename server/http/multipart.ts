import os from 'node:os';
import type { RequestHandler } from 'express';
import multer from 'multer';
import { HttpError, badRequest } from './http-error.js';

/** What one multipart endpoint accepts: files under one field name, and a few small text fields beside them. */
export type MultipartSpec = {
  /** The form field that carries the files (`photos`, `file`). */
  fileField: string;
  maxFiles: number;
  fileMaxBytes: number;
  /** Photos are small and read at once (memory); an import can be 100 MB and is streamed from a temp file (disk). */
  storage: 'memory' | 'disk';
  maxFields: number;
  fieldMaxBytes: number;
  /** The 415's message: what to send, in the endpoint's words. */
  expected: string;
};

/**
 * The one multipart parser (multer) for every upload endpoint, with the endpoint's limits; multer's errors
 * become our error shape, naming the field, so a client can show each next to its input.
 */
export function multipartBody(spec: MultipartSpec): RequestHandler {
  const upload = multer({
    storage: spec.storage === 'memory' ? multer.memoryStorage() : multer.diskStorage({ destination: os.tmpdir() }),
    limits: { fileSize: spec.fileMaxBytes, files: spec.maxFiles, fields: spec.maxFields, fieldSize: spec.fieldMaxBytes, parts: spec.maxFiles + spec.maxFields },
  }).array(spec.fileField, spec.maxFiles);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) throw new HttpError(415, 'unsupported_media_type', spec.expected);
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      next(multipartError(err as { code?: string; field?: string; message?: string }, spec));
    });
  };
}

function multipartError(e: { code?: string; field?: string; message?: string }, spec: MultipartSpec): HttpError {
  const field = e.field ?? spec.fileField;
  switch (e.code) {
    case 'LIMIT_FILE_SIZE':
      return new HttpError(413, 'payload_too_large', `${field} is larger than the limit of ${spec.fileMaxBytes} bytes`, {
        fields: [{ path: field, message: `must be at most ${spec.fileMaxBytes} bytes` }],
      });
    case 'LIMIT_FILE_COUNT':
      return new HttpError(413, 'payload_too_large', `At most ${spec.maxFiles} file(s) in ${spec.fileField}`, {
        fields: [{ path: spec.fileField, message: `at most ${spec.maxFiles} file(s)` }],
      });
    case 'LIMIT_UNEXPECTED_FILE':
      return badRequest([{ path: field, message: `unexpected file field; send files as "${spec.fileField}"` }]);
    case 'LIMIT_FIELD_VALUE':
      return new HttpError(413, 'payload_too_large', `Field ${field} is larger than ${spec.fieldMaxBytes} bytes`, {
        fields: [{ path: field, message: `must be at most ${spec.fieldMaxBytes} bytes` }],
      });
    case 'LIMIT_PART_COUNT':
    case 'LIMIT_FIELD_COUNT':
      return new HttpError(413, 'payload_too_large', `Too many form fields (at most ${spec.maxFields})`);
    default:
      return badRequest([{ path: '', message: 'the multipart body could not be read' }]);
  }
}

/** The files multer kept, whichever storage: an empty list when none were sent. */
export const uploadedFiles = (req: { files?: unknown }): Express.Multer.File[] => (Array.isArray(req.files) ? (req.files as Express.Multer.File[]) : []);
