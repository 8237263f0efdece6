import type { CommandIo } from './io';
import type { SourcePollResult } from '../../shared/collect/collect-source';

/** A one-line progress bar on a terminal; nothing when output is piped. */
export function progressBar(io: CommandIo, label: string) {
  let last = 0;
  return {
    update(done: number, total: number) {
      if (!io.isTty) return;
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const width = 28;
      const filled = total ? Math.round((done / total) * width) : width;
      io.stderr(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`);
    },
    clear() {
      if (io.isTty) io.stderr('\r\u001b[2K');
    },
  };
}

const OUTCOME_LABEL: Record<SourcePollResult['outcome'], string> = {
  ok: 'ok',
  'not-modified': 'không đổi (304)',
  'no-match': 'cần sửa bộ chọn',
  failed: 'lỗi',
};

/** The summary line of one source's poll: new, seen, failed. */
export function formatPollLine(result: SourcePollResult): string {
  const status = result.outcome === 'no-match' && !result.needsRepair ? 'lỗi' : OUTCOME_LABEL[result.outcome];
  const parts = [
    `${result.sourceId.padEnd(28)} ${status.padEnd(16)}`,
    `mới ${String(result.newStories).padStart(3)}`,
    `đã có ${String(result.seen).padStart(3)}`,
    `đăng lại ${String(result.syndicated).padStart(2)}`,
    `${(result.durationMs / 1000).toFixed(1)} s`,
  ];
  return parts.join(' · ') + (result.error ? ` — ${result.error}` : '');
}
