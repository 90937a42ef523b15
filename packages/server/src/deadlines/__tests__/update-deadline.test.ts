import { tableCounts } from '../../testing/table-counts';
import { createTestApi, errorCodes, viewers, type TestApi } from '../../testing/test-api';

let api: TestApi;
let deadlineId: string;
let articleId: string;

const UPDATE = `mutation ($input: UpdateDeadlineInput!) {
  updateDeadline(input: $input) {
    deadline { status dueOn history { nodes { status dueOn previousStatus previousDueOn note } } }
    change { status dueOn }
  }
}`;

interface Updated {
  updateDeadline: {
    deadline: {
      status: string;
      dueOn: string;
      history: {
        nodes: {
          status: string;
          dueOn: string;
          previousStatus: string | null;
          previousDueOn: string | null;
          note: string | null;
        }[];
      };
    };
    change: { status: string; dueOn: string } | null;
  };
}

beforeAll(async () => {
  api = await createTestApi();
  const ids = await api.execute<{
    deadlines: { nodes: { id: string; article: { id: string } }[] };
  }>(`{ deadlines { nodes { id article { id } } } }`);
  deadlineId = ids.data!.deadlines.nodes[0]!.id;
  articleId = ids.data!.deadlines.nodes[0]!.article.id;
});
afterAll(() => api.dispose());

async function update(input: Record<string, unknown>) {
  return api.execute<Updated>(
    UPDATE,
    { input: { id: deadlineId, article: articleId, ...input } },
    viewers.editor,
  );
}

describe('updateDeadline', () => {
  it('keeps both earlier due dates in the history of a deadline extended twice', async () => {
    expect((await update({ dueOn: '2020-11-12' })).errors).toBeUndefined();
    const second = await update({
      dueOn: '2020-12-04',
      note: 'Extended again by the Commerce Department',
    });
    expect(second.errors).toBeUndefined();
    const { deadline, change } = second.data!.updateDeadline;
    expect(deadline).toMatchObject({ status: 'EXTENDED', dueOn: '2020-12-04' });
    expect(change).toEqual({ status: 'EXTENDED', dueOn: '2020-12-04' });
    expect(
      deadline.history.nodes.map((entry) => [entry.previousDueOn, entry.dueOn, entry.status]),
    ).toEqual([
      [null, '2020-09-20', 'PENDING'],
      ['2020-09-20', '2020-11-12', 'EXTENDED'],
      ['2020-11-12', '2020-12-04', 'EXTENDED'],
    ]);
  });

  it('refuses to reopen a settled deadline without saying why, and allows it with a note', async () => {
    expect((await update({ status: 'MISSED' })).data!.updateDeadline.deadline.status).toBe(
      'MISSED',
    );
    const before = await tableCounts(api.database.handle.db);
    const refused = await update({ status: 'PENDING' });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions['fields']).toEqual([
      { path: ['input', 'note'], message: 'reopening a MISSED deadline needs a note saying why' },
    ]);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
    const reopened = await update({ status: 'PENDING', note: 'A court suspended the ban' });
    expect(reopened.data!.updateDeadline.deadline.status).toBe('PENDING');
  });

  it.each([
    ['a due date before the article that set it', { dueOn: '2020-09-01' }, 'input.dueOn'],
    ['EXTENDED without a later date', { status: 'EXTENDED', dueOn: '2020-12-01' }, 'input.dueOn'],
    ['a change that changes nothing', { status: 'PENDING' }, 'input.status'],
    ['no change at all', {}, 'input.status'],
  ])('refuses %s and leaves no trace', async (_label, input, field) => {
    const before = await tableCounts(api.database.handle.db);
    const result = await update(input);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const fields = (result.errors![0]!.extensions['fields'] as { path: string[] }[]).map((entry) =>
      entry.path.join('.'),
    );
    expect(fields).toContain(field);
    expect(await tableCounts(api.database.handle.db)).toEqual(before);
  });

  it('corrects the wording without adding to the history', async () => {
    const result = await update({ consequence: 'a ban of TikTok in the United States' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateDeadline.change).toBeNull();
  });

  it('refuses a reporting article that does not exist', async () => {
    const result = await api.execute(
      UPDATE,
      {
        input: {
          id: deadlineId,
          article: Buffer.from('Article:9999').toString('base64url'),
          status: 'MET',
        },
      },
      viewers.editor,
    );
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});
