import { describe, expect, it } from 'vitest';
import { wrapText } from './render-static-image.js';

describe('wrapText', () => {
  it('breaks at words and cuts the last allowed line with an ellipsis', () => {
    expect(wrapText('one two three four', 9, 3)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three fo…']);
    expect(wrapText('short', 20, 2)).toEqual(['short']);
  });
});
