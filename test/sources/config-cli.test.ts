/**
 * Sources and agencies in the table: the seed never overwrites an admin's
 * change; `cchc config export` / `import` against the real DynamoDB Local
 * (in-process, through the same `run` the binary uses, on a table of this
 * file's own via `--table`); the round trip; conflicts and pruning.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshStores } from '../support/stores';
import { run } from '../../infra/cli/config';
import { DEMO_CONFIG } from '../../infra/local/paths';
import type { CommandIo } from '../../infra/cli/io';
import { parseConfig } from '../../shared/config/load';
import type { CchcConfig } from '../../shared/config/schema';
import type { AwsClients } from '../../shared/store/clients';
import { SourceAdminRepository } from '../../shared/store/source-admin-repo';
import { SourcesRepository } from '../../shared/store/sources-repo';
import { SEED_AUTHOR, applyImport, diffWithTable, seedFromConfig } from '../../shared/sources/config-sync';
import { SourceService, StaleVersionError } from '../../shared/sources/source-service';

const demo = parseConfig(JSON.parse(readFileSync(new URL('../../config/demo.json', import.meta.url), 'utf8')));
const now = new Date('2026-12-01T03:00:00Z');

function captureIo(): CommandIo & { out: string; err: string } {
  const io = { out: '', err: '', isTty: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), readStdin: async () => '' };
  return io;
}

describe('sources and agencies in the table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-config-'));
  let clients: AwsClients;
  let repo: SourceAdminRepository;
  let service: SourceService;
  let table: string[];
  const cli = async (...argv: string[]) => {
    const io = captureIo();
    const code = await run([...argv, ...table], io);
    return { code, out: io.out, err: io.err };
  };
  const file = (name: string, config: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(config, null, 2));
    return path;
  };
  const someSource = demo.sources.find((s) => s.kind === 'html')!;

  beforeAll(async () => {
    process.env.CCHC_DYNAMODB_ENDPOINT = inject('dynamoEndpoint');
    process.env.CCHC_S3_ENDPOINT = inject('s3Endpoint');
    clients = await freshStores();
    repo = new SourceAdminRepository(clients);
    service = new SourceService(repo, async () => (await repo.listAgencies()).map((a) => a.agency.id));
    table = ['--table', clients.tableName, '--region', 'ap-southeast-1'];
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds what is absent and never overwrites what an admin changed', async () => {
    const first = await seedFromConfig(repo, demo, now);
    expect(first).toEqual({ agenciesAdded: demo.agencies.length, sourcesAdded: demo.sources.length, differing: 0 });
    const seeded = (await repo.getSource(someSource.id))!;
    expect(seeded).toMatchObject({ version: 1, updatedBy: SEED_AUTHOR });
    await service.edit(someSource.id, { ...someSource, html: { ...someSource.html!, item: 'div.tin-moi' } }, 1, 'Quản trị viên', now);
    const again = await seedFromConfig(repo, demo, new Date(now.getTime() + 60_000));
    expect(again).toEqual({ agenciesAdded: 0, sourcesAdded: 0, differing: 1 });
    expect((await repo.getSource(someSource.id))!.record.source.html!.item).toBe('div.tin-moi');
  });

  it('import --dry-run shows the diff with field-level before → after and writes nothing', async () => {
    const path = file('demo.json', demo);
    const dry = await cli('import', path, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`  ~ thay đổi: ${someSource.id}\n      html.item: "div.tin-moi" → ${JSON.stringify(someSource.html!.item)}\n`);
    expect(dry.out).toContain('Tổng cộng: 0 thêm mới, 1 thay đổi, 0 chỉ có trong bảng.');
    expect(dry.out).toContain('Chạy thử (--dry-run): chưa ghi gì vào bảng.');
    expect((await repo.getSource(someSource.id))!.record.source.html!.item).toBe('div.tin-moi');
  });

  it('import applies each change conditionally with an audit entry, and a second run finds nothing to do', async () => {
    const path = file('demo.json', demo);
    const applied = await cli('import', path, '--by', 'Nguyễn Văn Quản');
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.out).toContain('Đã áp dụng 1 thay đổi');
    const stored = (await repo.getSource(someSource.id))!;
    expect(stored.record.source.html!.item).toBe(someSource.html!.item);
    expect(stored).toMatchObject({ version: 3, updatedBy: 'Nguyễn Văn Quản' });
    // The fix of a selector makes the source due at once and forgets the validators.
    expect(stored.record.health.nextAttemptAt).toBe(stored.updatedAt);
    const [latest] = await repo.sourceHistory(someSource.id);
    expect(latest).toMatchObject({ by: 'Nguyễn Văn Quản', action: 'import', before: { html: { item: 'div.tin-moi' } }, after: { html: { item: someSource.html!.item } } });
    const again = await cli('import', path);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Không có khác biệt nào: bảng đã đúng như tệp.');
    expect((await repo.getSource(someSource.id))!.version).toBe(3);
  });

  it('round trip: export → import --dry-run shows no change; an edit shows exactly that edit', async () => {
    const out = join(dir, 'exported.json');
    const exported = await cli('export', out, '--config', DEMO_CONFIG);
    expect(exported.code).toBe(0);
    expect(exported.err).toContain(`Đã ghi ${demo.agencies.length} cơ quan và ${demo.sources.length} nguồn vào ${out}.`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('Sở Tư pháp');
    const config = parseConfig(JSON.parse(text));
    expect(config.sources.map((s) => s.id)).toEqual(demo.sources.map((s) => s.id));
    expect(config.desks).toEqual(demo.desks);
    // Export is stable: twice the same bytes.
    expect((await cli('export', '--config', DEMO_CONFIG)).out).toBe(text);

    const same = await cli('import', out, '--dry-run');
    expect(same.out).toContain('Không có khác biệt nào');

    const edited = JSON.parse(text) as CchcConfig;
    edited.sources.find((s) => s.id === someSource.id)!.html!.title = 'h2.tieu-de a';
    const diff = await cli('import', file('edited.json', edited), '--dry-run');
    const lines = diff.out.split('\n').filter((line) => /^\s+[~+-] |^\s{6}\S/.test(line));
    expect(lines).toEqual([`  ~ thay đổi: ${someSource.id}`, `      html.title: ${JSON.stringify(someSource.html!.title)} → "h2.tieu-de a"`]);
  });

  it('lists entries only in the table and keeps them unless --prune (sources only; agencies never)', async () => {
    const extraAgency = { ...demo.agencies[0]!, id: 'co-quan-tam', name: 'Cơ quan tạm' };
    const extra = { ...someSource, id: 'nguon-tam', agencyId: extraAgency.id };
    await cli('import', file('with-extra.json', { ...demo, agencies: [...demo.agencies, extraAgency], sources: [...demo.sources, extra] }));
    expect(await repo.getSource('nguon-tam')).toBeDefined();

    const kept = await cli('import', file('demo.json', demo));
    expect(kept.out).toContain('  - có trong bảng nhưng không có trong tệp: nguon-tam');
    expect(kept.out).toContain('  - có trong bảng nhưng không có trong tệp: co-quan-tam');
    expect(kept.out).toContain('2 mục chỉ có trong bảng được giữ nguyên. Dùng --prune');
    expect(await repo.getSource('nguon-tam')).toBeDefined();

    const pruned = await cli('import', file('demo.json', demo), '--prune');
    expect(pruned.code).toBe(0);
    expect(pruned.out).toContain('Đã xoá 1 nguồn không có trong tệp');
    expect(await repo.getSource('nguon-tam')).toBeUndefined();
    expect(await repo.getAgency('co-quan-tam')).toBeDefined();
    // The removal is in the source's history, which outlives it.
    expect((await repo.sourceHistory('nguon-tam'))[0]).toMatchObject({ action: 'remove', after: null });
  });

  it('reports a change made after the diff was read as a conflict instead of overwriting it', async () => {
    const edited = { ...demo, sources: demo.sources.map((s) => (s.id === someSource.id ? { ...s, intervalMinutes: 60 } : s)) };
    const pending = await diffWithTable(repo, edited);
    const current = (await repo.getSource(someSource.id))!;
    await service.act(someSource.id, 'pause', current.version, 'Trần Thị Quản', now);
    const outcome = await applyImport(repo, pending, { by: 'import', now, prune: false });
    expect(outcome.applied).toBe(0);
    expect(outcome.conflicts).toEqual([{ entity: 'source', id: someSource.id, stamp: expect.objectContaining({ updatedBy: 'Trần Thị Quản' }) }]);
    expect((await repo.getSource(someSource.id))!.record.source).toMatchObject({ paused: true });
    expect((await repo.getSource(someSource.id))!.record.source.intervalMinutes).toBeUndefined();
    await service.act(someSource.id, 'resume', current.version + 1, 'Trần Thị Quản', now);
  });

  it('config seed writes only what the table lacks (safe after every deploy)', async () => {
    const extra = { ...someSource, id: 'nguon-sau-trien-khai' };
    const edited = { ...demo, sources: [...demo.sources.map((s) => (s.id === someSource.id ? { ...s, intervalMinutes: 90 } : s)), extra] };
    const seeded = await cli('seed', file('seed.json', edited));
    expect(seeded.code).toBe(0);
    expect(seeded.out).toContain('Đã nạp từ tệp cấu hình 0 cơ quan và 1 nguồn mới vào bảng.');
    expect(seeded.out).toContain('1 mục trong bảng khác với tệp cấu hình');
    expect((await repo.getSource(someSource.id))!.record.source.intervalMinutes).toBeUndefined();
    expect((await repo.getSource(extra.id))!.updatedBy).toBe(SEED_AUTHOR);
  });

  it('refuses an invalid file with one line naming the entry and field (exit 2)', async () => {
    const broken = { ...demo, sources: [{ ...someSource, html: { item: '' , title: 'a', link: 'a' } }] };
    await expect(run(['import', file('broken.json', broken), '--dry-run', ...table], captureIo())).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(new RegExp(`sources\\[0\\] \\(id "${someSource.id}"\\)\\.html\\.item`)),
    });
    await expect(run(['import', ...table], captureIo())).rejects.toMatchObject({ exitCode: 2 });
    const help = captureIo();
    expect(await run(['--help'], help)).toBe(0);
    expect(help.out).toContain('cchc config import FILE [--dry-run] [--prune]');
  });
});

describe('source administration on the table', () => {
  let clients: AwsClients;
  let repo: SourceAdminRepository;
  let service: SourceService;
  const source = { id: 'so-thu-html', agencyId: 'so-thu', kind: 'html' as const, url: 'https://so-thu.example.gov.vn/tin', html: { item: 'li', title: 'a', link: 'a' } };

  beforeAll(async () => {
    clients = await freshStores();
    repo = new SourceAdminRepository(clients);
    service = new SourceService(repo, async () => ['so-thu']);
    await repo.addAgency({ id: 'so-thu', name: 'Sở Thử', kind: 'department', leadAreas: [], contacts: [], validFrom: '2020-01-01', validTo: null, successorId: null }, now, 'test');
  });

  it('adds a source due at once, refuses a second with the same id and an unknown agency', async () => {
    await service.add(source, 'Quản trị viên', now);
    expect((await new SourcesRepository(clients).listDue(now)).map((r) => r.source.id)).toEqual([source.id]);
    await expect(service.add(source, 'Quản trị viên', now)).rejects.toMatchObject({ name: 'AlreadyExistsError' });
    await expect(service.add({ ...source, id: 'khac', agencyId: 'khong-co' }, 'x', now)).rejects.toMatchObject({ name: 'SourceInputError', message: 'Không có cơ quan mã "khong-co".' });
    await expect(service.add({ ...source, id: 'khac', kind: 'html', html: undefined }, 'x', now)).rejects.toMatchObject({ name: 'SourceInputError', message: expect.stringContaining('html') });
  });

  it('edits on the version seen: a stale version is refused naming who changed it when', async () => {
    const version = await service.edit(source.id, { ...source, url: 'https://so-thu.example.gov.vn/tin-moi' }, 1, 'Lê Văn A', now);
    expect(version).toBe(2);
    const stale = await service.edit(source.id, { ...source, intervalMinutes: 60 }, 1, 'Phạm Thị B', now).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(StaleVersionError);
    expect((stale as StaleVersionError).stamp).toMatchObject({ updatedBy: 'Lê Văn A', updatedAt: now.toISOString() });
    // Nothing changed: the same version is returned and nothing is audited.
    expect(await service.edit(source.id, { ...source, url: 'https://so-thu.example.gov.vn/tin-moi' }, 2, 'Lê Văn A', now)).toBe(2);
    expect((await service.detail(source.id)).history.map((entry) => entry.action)).toEqual(['edit', 'add']);
  });

  it('pause keeps it from the dispatcher, resume and "retry now" make it due now, "mark repaired" clears needs-repair', async () => {
    const sources = new SourcesRepository(clients);
    const later = new Date(now.getTime() + 3600_000);
    const record = (await sources.get(source.id))!;
    await sources.savePoll(source.id, { health: { ...record.health, needsRepair: true, everMatched: true, consecutiveFailures: 3, nextAttemptAt: new Date(later.getTime() + 86_400_000).toISOString() }, http: record.http, seenUrlHashes: [] });
    let version = (await service.detail(source.id)).version;
    version = await service.act(source.id, 'pause', version, 'Quản trị', later);
    expect(await sources.listDue(new Date(later.getTime() + 2 * 86_400_000))).toEqual([]);
    version = await service.act(source.id, 'resume', version, 'Quản trị', later);
    expect((await sources.listDue(later)).map((r) => r.source.id)).toEqual([source.id]);
    version = await service.act(source.id, 'retry', version, 'Quản trị', later);
    version = await service.act(source.id, 'repaired', version, 'Quản trị', later);
    const after = await service.detail(source.id);
    expect(after.record.health).toMatchObject({ needsRepair: false, consecutiveFailures: 3, nextAttemptAt: later.toISOString() });
    expect(after.record.source.paused).toBeFalsy();
    expect(after.history.slice(0, 4).map((e) => [e.action, e.before, e.after])).toEqual([
      ['repaired', { needsRepair: true }, { needsRepair: false }],
      ['retry', { nextAttemptAt: later.toISOString() }, { nextAttemptAt: later.toISOString() }],
      ['resume', { paused: true }, { paused: false }],
      ['pause', { paused: false }, { paused: true }],
    ]);
    await expect(service.act(source.id, 'retry', version - 1, 'x', later)).rejects.toBeInstanceOf(StaleVersionError);
  });
});
