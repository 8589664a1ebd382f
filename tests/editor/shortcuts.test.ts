/**
 * Keyboard shortcuts come from the registry: the right key runs the right action, on every
 * keyboard, and the help dialog lists them as people write them.
 */
import { describe, expect, it } from 'vitest';
import { renameInExpression } from '../../src/document/commands';
import {
  actionForKey,
  formatShortcut,
  matchesShortcut,
  shortcutList,
} from '../../src/editor/actions/shortcuts';

function key(
  k: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
) {
  return {
    key: k,
    ctrlKey: Boolean(mods.ctrl),
    metaKey: Boolean(mods.meta),
    shiftKey: Boolean(mods.shift),
    altKey: Boolean(mods.alt),
  };
}

describe('shortcuts', () => {
  it('runs undo on Ctrl+Z and Cmd+Z, redo on Ctrl+Shift+Z, Cmd+Shift+Z and Ctrl+Y', () => {
    expect(actionForKey(key('z', { ctrl: true }))?.id).toBe('undo');
    expect(actionForKey(key('z', { meta: true }))?.id).toBe('undo');
    // With Shift held, browsers report the upper-case letter.
    expect(actionForKey(key('Z', { ctrl: true, shift: true }))?.id).toBe('redo');
    expect(actionForKey(key('Z', { meta: true, shift: true }))?.id).toBe('redo');
    expect(actionForKey(key('y', { ctrl: true }))?.id).toBe('redo');
  });

  it('deletes with Delete and Backspace, copies and pastes with Ctrl/Cmd+C and V', () => {
    expect(actionForKey(key('Delete'))?.id).toBe('deleteSelection');
    expect(actionForKey(key('Backspace'))?.id).toBe('deleteSelection');
    expect(actionForKey(key('c', { ctrl: true }))?.id).toBe('copy');
    expect(actionForKey(key('v', { meta: true }))?.id).toBe('paste');
    expect(actionForKey(key('x', { ctrl: true }))?.id).toBe('cut');
  });

  it('does not confuse a plain letter with its Ctrl combination', () => {
    expect(actionForKey(key('z'))).toBeUndefined();
    expect(actionForKey(key('c'))).toBeUndefined();
    expect(matchesShortcut(key('z', { ctrl: true, alt: true }), { key: 'z', mod: true })).toBe(
      false,
    );
  });

  it('accepts + with or without Shift, since layouts differ', () => {
    expect(actionForKey(key('+'))?.id).toBe('zoomIn');
    expect(actionForKey(key('+', { shift: true }))?.id).toBe('zoomIn');
  });

  it('formats shortcuts for Windows/Linux and for the Mac', () => {
    expect(formatShortcut({ key: 'z', mod: true, shift: true }, false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut({ key: 'z', mod: true, shift: true }, true)).toBe('⇧⌘Z');
    expect(formatShortcut({ key: 'Delete' }, false)).toBe('Del');
    const list = shortcutList(false);
    expect(list.find((s) => s.id === 'redo')?.keys).toEqual(['Ctrl+Shift+Z', 'Ctrl+Y']);
    expect(list.every((s) => s.labelKey.startsWith('editing.action.'))).toBe(true);
  });
});

describe('renaming a parameter inside expressions', () => {
  it('replaces whole names only', () => {
    expect(renameInExpression('base * baseline + base2 + base', 'base', 'b')).toBe(
      'b * baseline + base2 + b',
    );
    expect(renameInExpression('min(base, 1)-base', 'base', 'r')).toBe('min(r, 1)-r');
  });
});
