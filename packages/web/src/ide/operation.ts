// Which operation of the query editor's document GraphiQL is about to run, and whether it is a
// subscription. Decided from the text sent, not from GraphiQL's own parse: that one is debounced,
// so a run right after an edit can carry the previous document's AST and operation name.
import { Kind, OperationTypeNode, parse, type OperationDefinitionNode } from 'graphql';

export interface ChosenOperation {
  type: OperationTypeNode;
  /** The name to send: GraphiQL's, or, when that names no operation of a one-operation
   * document (it is stale), that operation's own name (none for an anonymous one). */
  operationName: string | undefined;
}

/** The operation to run, or null when the text does not parse or names none unambiguously (the
 * server then answers with the error). */
export function chooseOperation(
  query: string,
  operationName: string | null | undefined,
): ChosenOperation | null {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return null;
  }
  const named = operationName
    ? operations.find((operation) => operation.name?.value === operationName)
    : undefined;
  const chosen = named ?? (operations.length === 1 ? operations[0] : undefined);
  if (!chosen) return null;
  return { type: chosen.operation, operationName: chosen.name?.value };
}

export const isSubscription = (operation: ChosenOperation | null): boolean =>
  operation?.type === OperationTypeNode.SUBSCRIPTION;
