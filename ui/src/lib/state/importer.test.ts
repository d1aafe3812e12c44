import { describe, expect, it } from 'vitest';
import { ImportState } from './importer.svelte';

describe('ImportState', () => {
  it('tracks progress and summarises the result with the failures counted', () => {
    const s = new ImportState();
    s.start();
    s.onProgress({ done: 1, total: 4, current: 'a.txt' });
    expect(s.fraction).toBe(0.25);
    s.finish(
      { imported: [1, 2], already_present: [3], failed: [{ path: 'b.bin', reason: 'not text' }], skipped: 0, cancelled: false },
      null,
    );
    expect(s.running).toBe(false);
    expect(s.headline).toBe('Import finished: 2 imported, 1 already in the library, 1 failed');
  });

  it('says when an import was cancelled or could not run', () => {
    const s = new ImportState();
    s.finish({ imported: [], already_present: [], failed: [], skipped: 2, cancelled: true }, null);
    expect(s.headline).toBe('Import cancelled: 0 imported, 2 skipped');
    s.finish(null, 'the library file could not be opened');
    expect(s.headline).toContain('could not be opened');
  });
});
