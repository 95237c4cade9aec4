/**
 * The one public entry of the core for adapters (a lint rule keeps them from reaching past it):
 * the inbound ports, the types they exchange, and the channel-neutral helpers every channel
 * renders the same way (markup, agent commands and buttons, action ids, message words).
 */
export type {
  AgentConsoleServices,
  ChannelAdapter,
  ChannelContext,
  ChannelState,
  HttpRoute,
} from './channels/ports.js';
export type { AgentDirectory } from './handoff/agent-directory.js';
export type { SignInResult } from './accounts/sign-in.js';
export { LOGIN_PATTERN } from './accounts/types.js';
export type { SuggestionList, SuggestionView } from './learning/learning-service.js';
export type { BreakdownRow, DashboardFigures } from './report/dashboard.js';
export { dashboardCsv } from './report/csv.js';
export { NO_ARTICLE } from './handoff/actions/resolve.js';
export { formatAddress, parseAddress, channelOf, type Address } from './channels/address.js';
export type { HelpdeskCore } from './conversation/core.js';
export type {
  Choice,
  ConversationTarget,
  IncomingMessage,
  NoticeCode,
  Reply,
  TranscriptEntry,
} from './conversation/types.js';
export { ActionIds, parseAction } from './conversation/actions.js';
export { messages, type Catalogue } from './conversation/messages.js';
export type {
  AgentEvent,
  ChannelNotifier,
  DeliveryMeta,
  OnCallPage,
  QueueEvent,
  QueueEventType,
} from './handoff/ports.js';
export type { AgentAction, AgentActionKind, AgentResult } from './handoff/agent-action.js';
export type { Priority, Ticket, TicketNote, TicketStatus, Tier } from './handoff/types.js';
export {
  AGENT_COMMANDS,
  agentCommandHelp,
  parseAgentCommand,
  type CommandCaller,
} from './handoff/agent-commands.js';
export {
  AgentButtons,
  agentButtonsFor,
  parseAgentButton,
  type AgentButton,
} from './handoff/agent-buttons.js';
export { agentResultText, STATUS_WORDS } from './handoff/agent-result-text.js';
export { mayWorkTier, tiersOf } from './handoff/agents.js';
export {
  capLabel,
  inlineToPlain,
  isSafeUrl,
  parseInline,
  parseMarkup,
  type Block,
  type Inline,
} from './text/markup.js';
export type { Config, Lang } from './config.js';
export type { Logger } from './logger.js';
export {
  ErrorCodes,
  HelpdeskError,
  deliveryRefused,
  errorMessage,
  isHelpdeskError,
  type ErrorCode,
} from './errors.js';
export type { Clock, IdGenerator } from './clock.js';
export { systemClock } from './clock.js';
export type { Article, Section } from './kb/types.js';
export { isArticleId } from './kb/parse-article.js';
export type { KnowledgeRetriever } from './retrieval/retriever.js';
export { prepared, type Db, type Migration } from './storage/db.js';
export type { Metrics } from './server/metrics.js';
export type { Topic } from './report/popular-topics.js';
export { readBody, readJson, sendJson, sendText, statusOf, MAX_BODY_BYTES } from './server/http.js';
export { parseInput } from './parse-input.js';
export { cleanUserText, type CleanText } from './conversation/sanitize.js';
export { PROJECT_ROOT } from './paths.js';
