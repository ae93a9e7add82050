import { expect, it } from 'vitest';
import { VIEW_DESCRIPTION_MAX, VIEW_TITLE_MAX } from '../../../server/contracts/views.js';
import { DESCRIPTION_MAX, TITLE_MAX } from './limits.js';

it('the form allows the lengths the server allows', () => {
  expect(TITLE_MAX).toBe(VIEW_TITLE_MAX);
  expect(DESCRIPTION_MAX).toBe(VIEW_DESCRIPTION_MAX);
});
