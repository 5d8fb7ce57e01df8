import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import { isBot as uaParserIsBot } from 'ua-parser-js/bot-detection';

/** Longest user agent kept or parsed; real browsers stay well under it. */
export const MAX_UA_LENGTH = 512;

export type Agent = { bot: boolean; browser: string | null; os: string | null; device: string };

/**
 * Classifies a user agent (already capped): bots and headless browsers, else browser, OS and
 * device type. Parses are cached by UA string, since a site sees few distinct agents.
 */
export class AgentParser {
  private readonly cache = new Map<string, Agent>();

  constructor(private readonly maxEntries = 5_000) {}

  parse(ua: string): Agent {
    const hit = this.cache.get(ua);
    if (hit) return hit;
    const agent = classify(ua);
    // A full cache is dropped wholesale: cheaper than LRU bookkeeping on the hot path.
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(ua, agent);
    return agent;
  }
}

function classify(ua: string): Agent {
  const result = new UAParser(ua).getResult();
  const browser = result.browser.name ?? null;
  const headless = /headless/i.test(ua) || (browser !== null && /headless/i.test(browser));
  const bot = ua.trim() === '' || headless || isbot(ua) || uaParserIsBot(result);
  return {
    bot,
    browser,
    os: result.os.name ?? null,
    device: result.device.type ?? 'desktop', // ua-parser leaves desktops untyped
  };
}
