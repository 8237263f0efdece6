/** The pure parts of import/export: the written form, the stable order, the diff and its Vietnamese lines. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../shared/config/load';
import type { Agency, Source } from '../../shared/config/schema';
import { buildExport, canonicalSource, exportText, stableOrder } from '../../shared/sources/canonical';
import { diffConfig, fieldChanges, isEmptyDiff } from '../../shared/sources/config-diff';
import { formatDiff } from '../../shared/sources/format-diff';

const demo = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));

const agency: Agency = { id: 'so-tu-phap', name: 'Sở Tư pháp', kind: 'department', leadAreas: ['institutions'], contacts: [], validFrom: '2020-01-01', validTo: null, successorId: null };
const source: Source = { id: 'so-tu-phap-cchc', agencyId: 'so-tu-phap', kind: 'html', url: 'https://stp.example.gov.vn/cchc', html: { item: 'ul.news > li', title: 'a', link: 'a' } };

describe('the written form', () => {
  it('leaves out empty optional fields and orders keys as the schema does', () => {
    const written = canonicalSource({ html: { link: 'a', title: 'a', item: 'li' }, url: source.url, paused: false, encoding: null, kind: 'html', agencyId: 'x', id: 'y' });
    expect(JSON.stringify(written)).toBe('{"id":"y","agencyId":"x","kind":"html","url":"https://stp.example.gov.vn/cchc","html":{"item":"li","title":"a","link":"a"}}');
  });

  it('keeps the reference order, then the others by id', () => {
    expect(stableOrder([{ id: 'c' }, { id: 'a' }, { id: 'z' }, { id: 'b' }], ['z', 'b']).map((e) => e.id)).toEqual(['z', 'b', 'a', 'c']);
  });

  it('exports the table’s entries with the file’s other sections, valid, in UTF-8 with its diacritics', () => {
    const exported = buildExport(demo, { agencies: [...demo.agencies].reverse(), sources: [...demo.sources].reverse() });
    expect(Object.keys(exported)).toEqual(Object.keys(demo));
    expect((exported.agencies as Agency[]).map((a) => a.id)).toEqual(demo.agencies.map((a) => a.id));
    expect(exported.desks).toEqual(demo.desks);
    expect(exported.users).toEqual(demo.users);
    const text = exportText(exported);
    expect(text).toContain('Sở Tư pháp');
    expect(text).not.toMatch(/\\u[0-9a-f]{4}/i);
    expect(isEmptyDiff(diffConfig(parseConfig(JSON.parse(text)), demo))).toBe(true);
  });
});

describe('diffConfig', () => {
  it('finds nothing between a file and the same entries in another order and form', () => {
    const table = { agencies: [agency], sources: [{ ...source, encoding: null, paused: false }] };
    expect(diffConfig({ agencies: [agency], sources: [source] }, table)).toEqual({ agencies: [], sources: [], unchanged: { agencies: 1, sources: 1 } });
  });

  it('lists added, changed field by field, and entries only in the table', () => {
    const file = {
      agencies: [{ ...agency, name: 'Sở Tư pháp tỉnh', leadAreas: ['institutions', 'procedures'] as Agency['leadAreas'] }, { ...agency, id: 'so-moi', name: 'Sở Mới' }],
      sources: [{ ...source, html: { ...source.html!, item: 'div.card', date: 'time' }, paused: true }],
    };
    const table = { agencies: [agency], sources: [source, { ...source, id: 'nguon-cu' }] };
    const diff = diffConfig(file, table);
    expect(diff.agencies.map((e) => [e.kind, e.id])).toEqual([
      ['changed', 'so-tu-phap'],
      ['added', 'so-moi'],
    ]);
    expect(diff.agencies[0]!.kind === 'changed' && diff.agencies[0]!.fields).toEqual([
      { field: 'name', before: 'Sở Tư pháp', after: 'Sở Tư pháp tỉnh' },
      { field: 'leadAreas', before: ['institutions'], after: ['institutions', 'procedures'] },
    ]);
    expect(diff.sources.map((e) => [e.kind, e.id])).toEqual([
      ['changed', 'so-tu-phap-cchc'],
      ['absent-from-file', 'nguon-cu'],
    ]);
    expect(diff.sources[0]!.kind === 'changed' && diff.sources[0]!.fields).toEqual([
      { field: 'html.item', before: 'ul.news > li', after: 'div.card' },
      { field: 'html.date', before: null, after: 'time' },
      { field: 'paused', before: null, after: true },
    ]);
  });

  it('reports a field removed in the file as before → nothing', () => {
    expect(fieldChanges({ a: 1, b: { c: 'x' } }, { a: 1 })).toEqual([{ field: 'b.c', before: 'x', after: null }]);
  });

  it('prints the diff in Vietnamese with the ids', () => {
    const diff = diffConfig({ agencies: [agency], sources: [{ ...source, url: 'https://stp.example.gov.vn/tin' }, { ...source, id: 'moi' }] }, { agencies: [agency], sources: [source, { ...source, id: 'cu' }] });
    expect(formatDiff(diff, 'config.json')).toEqual([
      'So sánh config.json với dữ liệu trong bảng:',
      'Nguồn tin:',
      '  ~ thay đổi: so-tu-phap-cchc',
      '      url: "https://stp.example.gov.vn/cchc" → "https://stp.example.gov.vn/tin"',
      '  + thêm mới: moi',
      '  - có trong bảng nhưng không có trong tệp: cu',
      'Tổng cộng: 1 thêm mới, 1 thay đổi, 1 chỉ có trong bảng.',
      'Không đổi: 1 cơ quan, 0 nguồn.',
    ]);
  });
});
