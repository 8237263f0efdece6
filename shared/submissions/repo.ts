/**
 * Submissions in the one table (keys in shared/store/table.ts): the
 * submission item, its attachment items in the same partition, an agency's
 * listing through gsi1, and the receipt counter. Every change is
 * conditional, so a retry or a race never applies twice.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Agency } from '../config/schema';
import type { AwsClients } from '../store/clients';
import { gsi1, keys } from '../store/table';
import { queryItems } from '../store/query';
import { failedConditions, withTable } from '../store/transactions';
import { toVietnamIso } from '../time/vietnam';
import { formatReceipt, receiptPrefix } from './receipt';
import { MAX_ATTACHMENTS, type Actor, type Attachment, type AttachmentDeclaration, type Submission, type SubmissionText } from './schema';
import { SubmissionStateError } from './state';

/** Submission ids: 24 lower-case hex digits (unguessable; never derived from content). */
export const SUBMISSION_ID = '([a-f0-9]{24})';
/** Attachment ids: 16 lower-case hex digits. */
export const ATTACHMENT_ID = '([a-f0-9]{16})';

/** The S3 prefix every upload of a submission lives under (the presigned POST's key condition). */
export const uploadPrefix = (submissionId: string) => `uploads/${submissionId}/`;

/** No such submission (or attachment). */
export class SubmissionNotFoundError extends Error {
  override name = 'SubmissionNotFoundError';
}

/** Someone changed the draft since the version the editor saw. */
export class SubmissionConflictError extends Error {
  override name = 'SubmissionConflictError';
  constructor(
    readonly changedBy: string | null,
    readonly changedAt: string | null,
  ) {
    super(`changed by ${changedBy ?? 'someone'} at ${changedAt ?? 'an unknown time'} — reload`);
  }
}

const SUBMISSION_FIELDS = ['id', 'agencyId', 'title', 'summary', 'body', 'status', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'receipt', 'storyId', 'submittedAt', 'submittedBy', 'mailedAt', 'mailedTo'] as const;

function toSubmission(item: Record<string, unknown>, attachments: Attachment[]): Submission {
  const picked = Object.fromEntries(SUBMISSION_FIELDS.map((field) => [field, item[field] ?? null])) as unknown as Submission;
  return { ...picked, mailedTo: (item.mailedTo as string[] | undefined) ?? [], attachments: attachments.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)) };
}

function toAttachment(item: Record<string, unknown>): Attachment {
  const { pk, sk, type, ...rest } = item;
  void pk, void sk, void type;
  return { ...(rest as Omit<Attachment, 'type'>), type: item.fileType } as unknown as Attachment;
}

const conditionFailed = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** The submissions of the product. */
export class SubmissionsRepository {
  constructor(private readonly clients: AwsClients) {}

  /** A new draft of `agencyId`'s, by `by`. */
  async createDraft(input: { agencyId: string; text: SubmissionText; by: Actor; now: Date }): Promise<Submission> {
    const id = randomBytes(12).toString('hex');
    const at = toVietnamIso(input.now);
    const item = {
      ...keys.submission(id),
      type: 'submission',
      gsi1pk: gsi1.submissions(input.agencyId),
      gsi1sk: `${at}#${id}`,
      id,
      agencyId: input.agencyId,
      ...input.text,
      status: 'draft',
      version: 1,
      attachmentCount: 0,
      createdAt: at,
      createdBy: input.by,
      updatedAt: at,
      updatedBy: input.by,
    };
    await this.clients.dynamo.send(new TransactWriteCommand({ TransactItems: withTable(this.clients.tableName, [{ Put: { TableName: '', Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }]) }));
    return toSubmission(item, []);
  }

  /** A submission with its attachments (one Query of its partition), or undefined. */
  async get(submissionId: string): Promise<Submission | undefined> {
    let main: Record<string, unknown> | undefined;
    const attachments: Attachment[] = [];
    const items = await queryItems(this.clients.dynamo, {
      TableName: this.clients.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.submission(submissionId).pk },
      ConsistentRead: true,
    });
    for (const item of items) {
      if (item.type === 'submission') main = item;
      else if (item.type === 'submission-attachment') attachments.push(toAttachment(item));
    }
    return main ? toSubmission(main, attachments) : undefined;
  }

  /** An agency's submissions, newest first (without attachments: a listing). */
  async listByAgency(agencyId: string, limit = 100): Promise<Submission[]> {
    const page = await this.clients.dynamo.send(
      new QueryCommand({
        TableName: this.clients.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1.submissions(agencyId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).filter((item) => item.type === 'submission').map((item) => toSubmission(item, []));
  }

  /**
   * Changes a draft's text, conditional on the version the editor saw and on
   * the draft still being editable.
   * @throws SubmissionConflictError (stale version), SubmissionStateError (no longer a draft), SubmissionNotFoundError.
   */
  async updateDraft(submissionId: string, input: { text: SubmissionText; version: number; by: Actor; now: Date }): Promise<Submission> {
    try {
      await this.clients.dynamo.send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.submission(submissionId),
          UpdateExpression: 'SET title = :title, summary = :summary, body = :body, updatedAt = :at, updatedBy = :by, version = version + :one',
          ConditionExpression: '#type = :submission AND #status = :draft AND attribute_not_exists(receipt) AND version = :version',
          ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
          ExpressionAttributeValues: {
            ':title': input.text.title,
            ':summary': input.text.summary,
            ':body': input.text.body,
            ':at': toVietnamIso(input.now),
            ':by': input.by,
            ':one': 1,
            ':submission': 'submission',
            ':draft': 'draft',
            ':version': input.version,
          },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      const current = await this.get(submissionId);
      if (!current) throw new SubmissionNotFoundError(`no submission ${submissionId}`);
      if (current.status !== 'draft' || current.receipt) throw new SubmissionStateError('Tin đã gửi không thể sửa.');
      throw new SubmissionConflictError(current.updatedBy?.name ?? null, current.updatedAt ?? null);
    }
    return (await this.get(submissionId))!;
  }

  /**
   * Declares an attachment of a draft (before its upload): at most
   * {@link MAX_ATTACHMENTS}, counted on the submission item in the same
   * transaction. Does not change the text's version.
   */
  async addAttachment(submissionId: string, declaration: AttachmentDeclaration, now: Date): Promise<Attachment> {
    const id = randomBytes(8).toString('hex');
    const attachment: Attachment = {
      id,
      submissionId,
      name: declaration.name,
      type: declaration.type,
      key: `${uploadPrefix(submissionId)}${id}`,
      status: 'pending',
      size: null,
      rejectReason: null,
      createdAt: toVietnamIso(now),
    };
    const { type, ...rest } = attachment;
    try {
      await this.clients.dynamo.send(
        new TransactWriteCommand({
          TransactItems: withTable(this.clients.tableName, [
            {
              Update: {
                TableName: '',
                Key: keys.submission(submissionId),
                UpdateExpression: 'ADD attachmentCount :one',
                ConditionExpression: '#type = :submission AND #status = :draft AND attribute_not_exists(receipt) AND attachmentCount < :max',
                ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
                ExpressionAttributeValues: { ':one': 1, ':submission': 'submission', ':draft': 'draft', ':max': MAX_ATTACHMENTS },
              },
            },
            { Put: { TableName: '', Item: { ...keys.submissionAttachment(submissionId, id), type: 'submission-attachment', fileType: type, ...rest }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ]),
        }),
      );
    } catch (error) {
      if (!failedConditions(error)?.includes(0)) throw error;
      const current = await this.get(submissionId);
      if (!current) throw new SubmissionNotFoundError(`no submission ${submissionId}`);
      if (current.status !== 'draft' || current.receipt) throw new SubmissionStateError('Tin đã gửi không thể sửa.');
      throw new SubmissionStateError(`Mỗi tin có tối đa ${MAX_ATTACHMENTS} tệp đính kèm.`);
    }
    return attachment;
  }

  /** Removes an attachment's record from a draft (its S3 object is the caller's to delete). */
  async removeAttachment(submissionId: string, attachmentId: string): Promise<void> {
    try {
      await this.clients.dynamo.send(
        new TransactWriteCommand({
          TransactItems: withTable(this.clients.tableName, [
            {
              Update: {
                TableName: '',
                Key: keys.submission(submissionId),
                UpdateExpression: 'ADD attachmentCount :minus',
                ConditionExpression: '#status = :draft AND attribute_not_exists(receipt)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':minus': -1, ':draft': 'draft' },
              },
            },
            { Delete: { TableName: '', Key: keys.submissionAttachment(submissionId, attachmentId), ConditionExpression: 'attribute_exists(pk)' } },
          ]),
        }),
      );
    } catch (error) {
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (failed.includes(0)) throw new SubmissionStateError('Tin đã gửi không thể sửa.');
      throw new SubmissionNotFoundError(`no attachment ${attachmentId}`);
    }
  }

  /** Records what the check after upload found: uploaded (with its size) or refused (with the reason). */
  async recordAttachmentCheck(submissionId: string, attachmentId: string, outcome: { status: 'uploaded'; size: number } | { status: 'rejected'; reason: string }): Promise<void> {
    await this.clients.dynamo
      .send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.submissionAttachment(submissionId, attachmentId),
          UpdateExpression: 'SET #status = :status, size = :size, rejectReason = :reason',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':size': outcome.status === 'uploaded' ? outcome.size : null,
            ':reason': outcome.status === 'rejected' ? outcome.reason : null,
          },
        }),
      )
      .catch((error: unknown) => {
        if (!conditionFailed(error)) throw error;
      });
  }

  /**
   * Reserves the submission's receipt number and story id: once, however
   * often the submit step runs. From then on the draft is locked.
   * @returns the submission as it now stands (with the receipt that won).
   */
  async reserveReceipt(submissionId: string, storyId: string, now: Date): Promise<Submission> {
    const { year, prefix } = receiptPrefix(now);
    const counter = await this.clients.dynamo.send(
      new UpdateCommand({
        TableName: this.clients.tableName,
        Key: keys.receiptCounter(year),
        UpdateExpression: 'SET #type = :type ADD #n :one',
        ExpressionAttributeNames: { '#n': 'n', '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'receipt-counter' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const receipt = formatReceipt(prefix, Number(counter.Attributes!.n));
    await this.clients.dynamo
      .send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.submission(submissionId),
          UpdateExpression: 'SET receipt = :receipt, storyId = :story, receiptAt = :at',
          ConditionExpression: '#type = :submission AND #status = :draft AND attribute_not_exists(receipt)',
          ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
          ExpressionAttributeValues: { ':receipt': receipt, ':story': storyId, ':at': toVietnamIso(now), ':submission': 'submission', ':draft': 'draft' },
        }),
      )
      .catch((error: unknown) => {
        // Another run reserved first: its number stands (this one is a gap).
        if (!conditionFailed(error)) throw error;
      });
    const current = await this.get(submissionId);
    if (!current) throw new SubmissionNotFoundError(`no submission ${submissionId}`);
    return current;
  }

  /** Unlocks a draft whose submit step was refused before anything was written (e.g. a bad attachment). Keeps nothing of the reservation. */
  async releaseReceipt(submissionId: string, receipt: string): Promise<void> {
    await this.clients.dynamo
      .send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.submission(submissionId),
          UpdateExpression: 'REMOVE receipt, storyId, receiptAt',
          ConditionExpression: '#status = :draft AND receipt = :receipt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft', ':receipt': receipt },
        }),
      )
      .catch((error: unknown) => {
        if (!conditionFailed(error)) throw error;
      });
  }

  /** draft → submitted, once (conditional); a second call changes nothing. */
  async markSubmitted(submissionId: string, by: Actor, now: Date): Promise<void> {
    await this.clients.dynamo
      .send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.submission(submissionId),
          UpdateExpression: 'SET #status = :submitted, submittedAt = :at, submittedBy = :by, updatedAt = :at, updatedBy = :by, version = version + :one',
          ConditionExpression: '#status = :draft AND attribute_exists(receipt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':submitted': 'submitted', ':draft': 'draft', ':at': toVietnamIso(now), ':by': by, ':one': 1 },
        }),
      )
      .catch((error: unknown) => {
        if (!conditionFailed(error)) throw error;
      });
  }

  /**
   * Claims the right to send the receipt e-mail: true for exactly one
   * caller, so the e-mail goes out at most once however often submit runs.
   */
  async claimReceiptMail(submissionId: string, now: Date): Promise<boolean> {
    try {
      await this.clients.dynamo.send(
        new UpdateCommand({
          TableName: this.clients.tableName,
          Key: keys.submission(submissionId),
          UpdateExpression: 'SET mailClaimedAt = :at',
          ConditionExpression: '#status = :submitted AND attribute_not_exists(mailClaimedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': toVietnamIso(now), ':submitted': 'submitted' },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  /** The receipt e-mail went out. */
  async recordReceiptMail(submissionId: string, to: string[], messageId: string, now: Date): Promise<void> {
    await this.clients.dynamo.send(
      new UpdateCommand({
        TableName: this.clients.tableName,
        Key: keys.submission(submissionId),
        UpdateExpression: 'SET mailedAt = :at, mailedTo = :to, mailMessageId = :id REMOVE mailError',
        ExpressionAttributeValues: { ':at': toVietnamIso(now), ':to': to, ':id': messageId },
      }),
    );
  }

  /** Sending failed: give the claim back so a later submit (retry) sends it. */
  async releaseReceiptMail(submissionId: string, reason: string): Promise<void> {
    await this.clients.dynamo.send(
      new UpdateCommand({
        TableName: this.clients.tableName,
        Key: keys.submission(submissionId),
        UpdateExpression: 'SET mailError = :reason REMOVE mailClaimedAt',
        ConditionExpression: 'attribute_not_exists(mailedAt)',
        ExpressionAttributeValues: { ':reason': reason.slice(0, 500) },
      }),
    ).catch((error: unknown) => {
      if (!conditionFailed(error)) throw error;
    });
  }

  /** An agency's configuration record (its name and contacts), as the sources repository stores it. */
  async agency(agencyId: string): Promise<Agency | undefined> {
    const result = await this.clients.dynamo.send(new GetCommand({ TableName: this.clients.tableName, Key: keys.agency(agencyId) }));
    return result.Item?.agency as Agency | undefined;
  }
}
