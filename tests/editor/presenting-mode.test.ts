/**
 * Entering and leaving the presenting view: Present switches to the `present` mode and asks for
 * full screen; a refusal still shows the view; leaving gives the screen back, and the browser
 * leaving full screen by itself closes the view. The document is a small stand-in for the
 * Fullscreen API (these tests run without a DOM).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/editor/actions/registry';
import {
  enterPresenting,
  leavePresenting,
  onFullscreenChange,
} from '../../src/editor/present/enter';
import { appMode, setAppMode } from '../../src/editor/shell/modeState';

/** A document whose full screen is granted or refused, and that counts what was asked of it. */
function fakeDocument(grant: boolean) {
  const fake = {
    fullscreenElement: null as object | null,
    fullscreenEnabled: true,
    requests: 0,
    exits: 0,
    documentElement: {
      requestFullscreen(): Promise<void> {
        fake.requests += 1;
        if (!grant) return Promise.reject(new TypeError('Permissions check failed'));
        fake.fullscreenElement = fake.documentElement;
        return Promise.resolve();
      },
    },
    exitFullscreen(): Promise<void> {
      fake.exits += 1;
      fake.fullscreenElement = null;
      return Promise.resolve();
    },
  };
  return fake;
}

/** Lets the promise callbacks of the fake run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const globals = globalThis as { document?: unknown };

describe('entering and leaving the presenting view', () => {
  beforeEach(() => setAppMode('edit'));
  afterEach(() => {
    delete globals.document;
    setAppMode('edit');
  });

  it('is the Present action: it switches to presenting, and leaving returns to editing', () => {
    expect(runAction('present')).toEqual({ ok: true, changed: false });
    expect(appMode()).toBe('present');
    leavePresenting();
    expect(appMode()).toBe('edit');
  });

  it('still presents, filling the window, when the browser refuses full screen', async () => {
    const fake = fakeDocument(false);
    globals.document = fake;
    enterPresenting();
    await settle();
    expect(fake.requests).toBe(1);
    expect(appMode()).toBe('present');
    // Nothing was granted, so nothing is given back.
    leavePresenting();
    await settle();
    expect(fake.exits).toBe(0);
    expect(appMode()).toBe('edit');
  });

  it('gives the screen back when leaving', async () => {
    const fake = fakeDocument(true);
    globals.document = fake;
    enterPresenting();
    await settle();
    expect(fake.fullscreenElement).not.toBeNull();
    leavePresenting();
    await settle();
    expect(fake.exits).toBe(1);
    expect(fake.fullscreenElement).toBeNull();
    expect(appMode()).toBe('edit');
  });

  it('closes when the browser leaves full screen by itself (its own Escape)', async () => {
    const fake = fakeDocument(true);
    globals.document = fake;
    enterPresenting();
    await settle();
    fake.fullscreenElement = null;
    onFullscreenChange();
    expect(appMode()).toBe('edit');
    expect(fake.exits).toBe(0);
  });

  it('leaves full screen alone when the page was full screen before presenting', async () => {
    const fake = fakeDocument(true);
    fake.fullscreenElement = fake.documentElement;
    globals.document = fake;
    enterPresenting();
    await settle();
    expect(fake.requests).toBe(0);
    expect(appMode()).toBe('present');
    leavePresenting();
    await settle();
    expect(fake.exits).toBe(0);
    expect(fake.fullscreenElement).not.toBeNull();
  });
});
