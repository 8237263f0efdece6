import { describe, expect, it } from 'vitest';
import { parseConfig, parseSource, ConfigError } from '../../shared/config/load';

const agency = { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', leadAreas: ['institutions'], validFrom: '2020-01-01' };

describe('configuration validation', () => {
  it('accepts a file with only agencies and sources, filling defaults', () => {
    const config = parseConfig({ agencies: [agency], sources: [{ id: 's1', agencyId: 'so-tu-phap', kind: 'rss', url: 'https://example.gov.vn/rss' }] });
    expect(config.agencies[0]).toMatchObject({ validTo: null, successorId: null, contacts: [] });
  });

  it('names the entry id and the field of a bad source', () => {
    const bad = { agencies: [agency], sources: [{ id: 'ubnd-tuy-phuoc', agencyId: 'so-tu-phap', kind: 'html', url: 'https://example.gov.vn/' }] };
    expect(() => parseConfig(bad)).toThrow(ConfigError);
    expect(() => parseConfig(bad)).toThrow(/sources\[0\] \(id "ubnd-tuy-phuoc"\)\.html/);
  });

  it('refuses an unknown reform area, naming it', () => {
    expect(() => parseConfig({ agencies: [{ ...agency, leadAreas: ['sport'] }], sources: [] })).toThrow(/agencies\[0\] \(id "so-tu-phap"\)\.leadAreas/);
  });

  it('refuses a source of an agency that does not exist, and a successor that does not exist', () => {
    expect(() => parseConfig({ agencies: [agency], sources: [{ id: 's', agencyId: 'nope', kind: 'rss', url: 'https://e.vn/' }] })).toThrow(/agencyId: unknown agency "nope"/);
    expect(() => parseConfig({ agencies: [{ ...agency, successorId: 'ghost' }], sources: [] })).toThrow(/successorId: unknown agency "ghost"/);
  });

  it('refuses a non-http URL', () => {
    expect(() => parseSource({ id: 's', agencyId: 'a', kind: 'rss', url: 'file:///etc/passwd' })).toThrow(/url/);
  });
});
