// Maps the ingestArticle mutation onto the ingestion service, nothing else.
import { Arg, Authorized, Mutation, Resolver } from 'type-graphql';
import { IngestArticleInput } from './ingestion.inputs';
import type { IngestResult, IngestionService } from './ingestion.service';
import { IngestArticlePayload } from './ingestion.type';

@Resolver()
export class IngestionResolver {
  constructor(private readonly service: IngestionService) {}

  @Authorized('editor')
  @Mutation(() => IngestArticlePayload, {
    description:
      'Reads raw article text (the "date YYYY-MM-DD Place/Place: body" format, or plain text with publishedAt), extracts its entities, quotes and deadlines, links them to stored entities and stores the article, all or nothing. Idempotent like createArticle; with dryRun it only returns what would be stored. Needs the editor role.',
  })
  ingestArticle(
    @Arg('input', () => IngestArticleInput, { description: 'The article text and its details.' })
    input: IngestArticleInput,
  ): Promise<IngestResult> {
    return this.service.ingest(input);
  }
}
