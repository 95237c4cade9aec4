import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeOnnxModel } from './onnx-proto.js';

/**
 * Generates a tiny BERT-shaped feature-extraction model that `@huggingface/transformers` loads
 * like a real one (config, WordPiece tokenizer, `onnx/model.onnx`), so tests and the bench run
 * the real pipeline offline in milliseconds. It has no attention: each token's vector is a sum
 * of pseudo-random vectors of its character trigrams, so texts sharing words (or word pieces)
 * get similar mean-pooled vectors, unrelated texts dissimilar ones, and the same text always
 * the same vector. Unlike multilingual-e5 it does not match across languages: English and
 * Russian share no tokens. Generation is deterministic and takes well under a second.
 */

/** Hidden size of the tiny model; the dimension of its embeddings. */
export const TINY_HIDDEN_SIZE = 128;
/** `model_max_length` of the tiny tokenizer: passages are truncated to this many tokens. */
export const TINY_MAX_TOKENS = 64;
/** Name the generated model is saved under, relative to `modelsDir`. */
export const TINY_MODEL_NAME = 'test/tiny-bert';

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

const words = (lines: string[]): string[] => lines.flatMap((line) => line.split(' '));

/** Function words: in the vocabulary, but with little weight, as a trained model learns. */
const STOPWORDS = words([
  'the a an and or of to in on for with from by at is are was be it this that my your our i you we',
  'how what why when where who can do does not no yes please get set have out off up down still again',
  'как что почему где когда не нет да я мы вы мой моя мне у в на с по для и или это',
]);

/** Content words of a small English and Russian IT-helpdesk vocabulary. */
const CONTENT_WORDS = words([
  'help need want use password reset change forgot login log sign account user email mail outlook inbox',
  'vpn network wifi internet connect connection slow printer print paper scanner',
  'laptop computer screen monitor keyboard mouse phone install software update app',
  'access permission request folder file drive share teams slack calendar meeting',
  'error problem issue broken work working lost locked unlock expired new old',
  'instructions guide step steps floor office room today',
  'пароль сбросить сброс забыл вход войти учетная запись почта письмо',
  'впн сеть интернет подключение подключиться медленно принтер печать бумага',
  'ноутбук компьютер экран монитор клавиатура мышь телефон установить программа обновление',
  'доступ права запрос папка файл диск встреча ошибка проблема работает заблокирован новый',
  'инструкция шаги этаж офис сегодня снова печатает закончилась',
]);

const SUFFIXES = ['s', 'es', 'ed', 'ing', 'er', 'ly', "'s"];
const RU_SUFFIXES = [
  ...'аяиыуюеоьй',
  ...['ом', 'ой', 'ей', 'ем', 'ам', 'ами', 'ах', 'ов', 'ий', 'ый', 'ая', 'ое', 'ые', 'ие', 'ую'],
  ...['ть', 'ся', 'ла', 'ло', 'ли', 'ет', 'ит', 'ют', 'ят', 'ат', 'ешь', 'ишь', 'ите'],
];
const CHARS = [...'abcdefghijklmnopqrstuvwxyz', ...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', ...'0123456789'];
const PUNCTUATION = [...'.,?!:;-\'"()/@#&+=%*_[]'];

/**
 * Russian inflects by ending: stems (the word minus one or two letters) let "пароля" become
 * "парол" + "##я" instead of falling apart into letters, as a real WordPiece vocabulary would.
 */
function russianStems(word: string): string[] {
  if (!/^[а-яё]{5,}$/.test(word)) return [];
  return [word.slice(0, -1), word.slice(0, -2)];
}

/** Every token of the vocabulary, in id order. */
function vocabulary(): string[] {
  const tokens = [
    ...SPECIAL_TOKENS,
    ...PUNCTUATION,
    ...CHARS,
    ...CHARS.map((c) => `##${c}`),
    ...[...SUFFIXES, ...RU_SUFFIXES].map((s) => `##${s}`),
    ...STOPWORDS,
    ...CONTENT_WORDS,
    ...CONTENT_WORDS.flatMap(russianStems),
  ];
  return [...new Set(tokens)];
}

/** FNV-1a, 32 bit: a stable hash for seeding. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a tiny deterministic PRNG giving values in [-1, 1). */
function pseudoRandomVector(seed: number, size: number): number[] {
  let state = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out.push(((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1);
  }
  return out;
}

function scaled(vector: number[], length: number): number[] {
  const norm = Math.hypot(...vector) || 1;
  return vector.map((v) => (v / norm) * length);
}

/**
 * A token's embedding. Content words: the sum of their character trigrams' random vectors,
 * length 0.5, so related word forms share direction. Stopwords, word pieces and single
 * characters (what unknown words fall apart into) get their own random vector and less weight,
 * so neither "how do I" nor a long unknown word outweighs the words that carry the topic.
 * Special tokens are faint.
 */
function tokenVector(token: string): number[] {
  if (token === '[PAD]') return new Array<number>(TINY_HIDDEN_SIZE).fill(0);
  const own = pseudoRandomVector(fnv1a(token), TINY_HIDDEN_SIZE);
  if (SPECIAL_TOKENS.includes(token)) return scaled(own, 0.05);
  const bare = token.replace(/^##/, '');
  if (bare.length === 1) return scaled(own, 0.1);
  if (token.startsWith('##')) return scaled(own, 0.2);
  if (STOPWORDS.includes(token)) return scaled(own, 0.1);
  const padded = `<${token}>`;
  const sum = new Array<number>(TINY_HIDDEN_SIZE).fill(0);
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = pseudoRandomVector(fnv1a(padded.slice(i, i + 3)), TINY_HIDDEN_SIZE);
    gram.forEach((v, d) => (sum[d] = (sum[d] ?? 0) + v));
  }
  return scaled(sum, 0.5);
}

function tokenizerJson(vocab: string[]): object {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: false, // keep й and ё intact
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', ids['[SEP]']], cls: ['[CLS]', ids['[CLS]']] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

/**
 * The graph: `last_hidden_state = tanh(E[input_ids] + T[token_type_ids]) * attention_mask`,
 * i.e. a bag of token vectors shaped like a BERT encoder's output.
 */
function onnxModel(vocab: string[]): Uint8Array {
  const h = TINY_HIDDEN_SIZE;
  const tokenTypes = [new Array<number>(h).fill(0), scaled(pseudoRandomVector(7, h), 0.05)];
  const dynamic = ['batch_size', 'sequence_length'];
  return encodeOnnxModel({
    graphName: 'tiny_bert',
    initializers: [
      { name: 'word_embeddings', type: 'float', dims: [vocab.length, h], values: vocab.flatMap(tokenVector) },
      { name: 'token_type_embeddings', type: 'float', dims: [2, h], values: tokenTypes.flat() },
      { name: 'last_axis', type: 'int64', dims: [1], values: [2] },
    ],
    inputs: [
      { name: 'input_ids', type: 'int64', shape: dynamic },
      { name: 'attention_mask', type: 'int64', shape: dynamic },
      { name: 'token_type_ids', type: 'int64', shape: dynamic },
    ],
    outputs: [{ name: 'last_hidden_state', type: 'float', shape: [...dynamic, h] }],
    nodes: [
      { opType: 'Gather', inputs: ['word_embeddings', 'input_ids'], outputs: ['words'] },
      { opType: 'Gather', inputs: ['token_type_embeddings', 'token_type_ids'], outputs: ['types'] },
      { opType: 'Add', inputs: ['words', 'types'], outputs: ['summed'] },
      { opType: 'Tanh', inputs: ['summed'], outputs: ['hidden'] },
      { opType: 'Cast', inputs: ['attention_mask'], outputs: ['mask_float'], intAttributes: { to: 1 } },
      { opType: 'Unsqueeze', inputs: ['mask_float', 'last_axis'], outputs: ['mask'] },
      { opType: 'Mul', inputs: ['hidden', 'mask'], outputs: ['last_hidden_state'] },
    ],
  });
}

/**
 * Writes the tiny model under `<dir>/models/test/tiny-bert/` and returns where it is, in the
 * shape `TransformersEmbedder` and `createEmbedder` take (`modelsDir` + `modelName`).
 */
export async function createTinyModel(
  dir: string,
  modelName: string = TINY_MODEL_NAME,
): Promise<{ modelsDir: string; modelName: string }> {
  const modelsDir = path.join(dir, 'models');
  const modelDir = path.join(modelsDir, ...modelName.split('/'));
  await mkdir(path.join(modelDir, 'onnx'), { recursive: true });
  const vocab = vocabulary();
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: TINY_HIDDEN_SIZE,
    num_hidden_layers: 1,
    num_attention_heads: 1,
    intermediate_size: TINY_HIDDEN_SIZE * 2,
    max_position_embeddings: TINY_MAX_TOKENS,
    type_vocab_size: 2,
    vocab_size: vocab.length,
    pad_token_id: 0,
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: TINY_MAX_TOKENS,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  };
  await Promise.all([
    writeFile(path.join(modelDir, 'config.json'), JSON.stringify(config, null, 2)),
    writeFile(path.join(modelDir, 'tokenizer.json'), JSON.stringify(tokenizerJson(vocab))),
    writeFile(path.join(modelDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2)),
    writeFile(path.join(modelDir, 'onnx', 'model.onnx'), onnxModel(vocab)),
  ]);
  return { modelsDir, modelName };
}
