import { ForbiddenError } from '../../shared/auth';
import { CursorError } from '../../shared/store/desks-repo';
import { NotFoundError, SlotFullError } from '../../shared/desks/desk-service';
import { SlotIdError } from '../../shared/desks/slots';
import { TransitionError } from '../../shared/desks/workflow';
import { ConflictError, LabelError } from '../../shared/stories/labels';
import { formatVietnamDateTime } from '../../shared/web/html';
import { vi } from '../../shared/web/strings';
import { HttpError } from './http';
import { AlreadyExistsError, SourceInputError, SourceNotFoundError, StaleVersionError } from '../../shared/sources/source-service';
import { sourcesVi } from '../../shared/sources/strings';

/** What a refused request is told: the status, a message for people, and for a conflict who changed it when. */
export interface ClientError {
  status: number;
  message: string;
  conflict?: { changedBy: string | null; changedAt: string | null };
}

/** Maps the domain's refusals to HTTP; anything else is a server error (null). */
export function clientErrorOf(error: unknown): ClientError | null {
  if (error instanceof ConflictError) {
    return {
      status: 409,
      message: vi.storyDesk.conflict(error.changedBy ?? 'người khác', formatVietnamDateTime(error.changedAt) || 'vừa rồi'),
      conflict: { changedBy: error.changedBy, changedAt: error.changedAt },
    };
  }
  if (error instanceof StaleVersionError) {
    const { updatedBy, updatedAt } = error.stamp ?? { updatedBy: null, updatedAt: null };
    return {
      status: 409,
      message: error.stamp ? (error.entity === 'source' ? sourcesVi.conflict : sourcesVi.agencyConflict)(updatedBy ?? 'người khác', formatVietnamDateTime(updatedAt) || 'vừa rồi') : sourcesVi.gone,
      conflict: { changedBy: updatedBy, changedAt: updatedAt },
    };
  }
  if (error instanceof AlreadyExistsError) return { status: 409, message: sourcesVi.exists(error.id) };
  if (error instanceof SourceInputError) return { status: 400, message: error.message };
  if (error instanceof SourceNotFoundError) return { status: 404, message: error.message };
  if (error instanceof HttpError) return { status: error.status, message: error.message };
  if (error instanceof ForbiddenError) return { status: 403, message: error.message };
  if (error instanceof NotFoundError) return { status: 404, message: error.message };
  if (error instanceof LabelError || error instanceof CursorError) return { status: 400, message: error.message };
  if (error instanceof TransitionError || error instanceof SlotFullError || error instanceof SlotIdError) return { status: 422, message: error.message };
  return null;
}
