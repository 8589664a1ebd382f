/**
 * Run by vitest.e2e.config.ts before every browser-test file: one Chromium for the file, started
 * before its first test and closed after its last (the hooks here are registered first, so the
 * Chromium is up before a file's own `beforeAll` and closed after its own `afterAll`).
 */
import { afterAll, beforeAll } from 'vitest';
import { closeFileBrowser, startFileBrowser } from './browser';

beforeAll(startFileBrowser);
afterAll(closeFileBrowser);
