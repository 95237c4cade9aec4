import type { Lang } from '../config.js';
import type { ThesaurusGroups } from '../text/synonyms.js';

/** One `##` section of an article: the unit the bot quotes back to the user. */
export interface Section {
  /** `${articleId}#${index}`; index 0 is the text before the first `##` heading. */
  id: string;
  articleId: string;
  index: number;
  /** The `##` heading text; for the lead section, the article title. */
  heading: string;
  /** Markdown of the section without its heading line. */
  body: string;
}

/** A validated knowledge-base article. */
export interface Article {
  id: string;
  title: string;
  lang: Lang;
  tags: string[];
  questions: string[];
  /** True when the bot must always offer a human after answering with this article. */
  escalate: boolean;
  /** Whole markdown body (after the front matter). */
  body: string;
  sections: Section[];
  /** Path relative to the knowledge-base folder, with forward slashes. */
  file: string;
  /** sha256 of the raw file; lets re-indexing skip unchanged articles. */
  hash: string;
  /** Line of the `id` field, for pointing at duplicates. */
  idLine: number;
  /** Line of the `questions` field, when there is one (authoring advice points at it). */
  questionsLine?: number;
}

/** A problem found while loading a file; the file is skipped, the rest keeps loading. */
export interface KbProblem {
  /** Path relative to the knowledge-base folder. */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  kind:
    | 'unreadable'
    | 'not-a-file'
    | 'too-many-files'
    | 'too-large'
    | 'binary'
    | 'encoding'
    | 'no-front-matter'
    | 'yaml'
    | 'field'
    | 'duplicate-id'
    | 'empty-body'
    /** Anything wrong with the company thesaurus (`_thesaurus.yml`). */
    | 'thesaurus';
  message: string;
}

export interface LoadedKb {
  articles: Article[];
  problems: KbProblem[];
  /** The company thesaurus groups in use (empty without a usable `_thesaurus.yml`). */
  thesaurus: ThesaurusGroups;
}
