import { describe, expect, it } from 'vitest';
import { fieldErrors, fieldMessage } from './field-errors.js';

const FIELDS = ['title', 'description'] as const;

describe('fieldErrors', () => {
  it('puts each server problem beside the field it names', () => {
    const details = { fields: [{ path: 'title', message: 'is required' }, { path: 'description', message: 'Too big' }] };
    expect(fieldErrors(FIELDS, details, 'Invalid')).toEqual({ byField: { title: 'is required', description: 'Too big' }, other: null });
  });

  it('keeps two problems of one field and what names no field of the form', () => {
    const details = { fields: [{ path: 'title', message: 'a' }, { path: 'title', message: 'b' }, { path: '', message: 'must give title' }, { path: 'view', message: 'c' }] };
    expect(fieldErrors(FIELDS, details, 'Invalid')).toEqual({ byField: { title: 'a; b' }, other: 'must give title; view: c' });
  });

  it('falls back to the whole message when the server named no field (410, network)', () => {
    expect(fieldErrors(FIELDS, undefined, 'View x was unpublished')).toEqual({ byField: {}, other: 'View x was unpublished' });
    expect(fieldErrors(FIELDS, { fields: [] }, 'Invalid')).toEqual({ byField: {}, other: 'Invalid' });
  });
});

describe('fieldMessage', () => {
  it('reads as one sentence with the field’s label', () => {
    expect(fieldMessage('Title', 'is required')).toBe('Title is required');
    expect(fieldMessage('Title', 'Too big: expected string to have <=200 characters')).toBe('Title: Too big: expected string to have <=200 characters');
  });
});
