import { OperationTypeNode } from 'graphql';
import { chooseOperation, isSubscription } from '../operation';

describe("choosing the IDE's operation from the text being run", () => {
  test('an anonymous subscription is a subscription, with no operation name', () => {
    const chosen = chooseOperation('subscription { articleCreated { headline } }', undefined);
    expect(chosen).toEqual({ type: OperationTypeNode.SUBSCRIPTION, operationName: undefined });
    expect(isSubscription(chosen)).toBe(true);
  });

  test('a named subscription among other operations is chosen by its name', () => {
    const text = `query Feed { articles { totalCount } }
      subscription NewArticles { articleCreated { headline } }`;
    expect(chooseOperation(text, 'NewArticles')).toEqual({
      type: OperationTypeNode.SUBSCRIPTION,
      operationName: 'NewArticles',
    });
    expect(isSubscription(chooseOperation(text, 'Feed'))).toBe(false);
  });

  test("a stale operation name from the previous text gives way to the new text's only operation", () => {
    expect(chooseOperation('subscription Quotes { quoteCreated { text } }', 'Feed')).toEqual({
      type: OperationTypeNode.SUBSCRIPTION,
      operationName: 'Quotes',
    });
    expect(chooseOperation('subscription { quoteCreated { text } }', 'Feed')).toEqual({
      type: OperationTypeNode.SUBSCRIPTION,
      operationName: undefined,
    });
  });

  test('text that does not parse, or several operations and no name, is left to the server to refuse', () => {
    expect(chooseOperation('subscription {', undefined)).toBeNull();
    expect(chooseOperation('query A { a } subscription B { b }', undefined)).toBeNull();
    expect(isSubscription(null)).toBe(false);
  });
});
