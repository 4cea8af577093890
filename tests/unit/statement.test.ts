import { describe, expect, it } from 'vitest';
import { compileClassifier } from '#shared/domain/classify/classifier.ts';
import { loadConfigDir } from '#shared/config/config-dir.ts';
import { statementWindow } from '#shared/domain/statement.ts';
import type { Statement } from '#shared/domain/types.ts';

const classifier = compileClassifier(loadConfigDir('config'));
const grid: Statement = {
  id: 'elnat-2026',
  date: '2026-11-02',
  title: 'Industrikommunerna kräver snabbare elnätsutbyggnad',
  keyPhrases: ['utbyggnaden av elnätet', 'effektbrist i industrin', 'kompetensförsörjning'],
  people: ['Maja Lindqvist'],
};
const match = (title: string, text: string, date = '2026-11-10T09:00:00Z', statements: Statement[] = [grid]) => classifier.classify({ title, text, date }, statements).statements;

describe('statement matching', () => {
  it('a statement is matched from its date to until, by default 30 days, in Stockholm dates', () => {
    expect(statementWindow(grid)).toEqual({ from: '2026-11-02', until: '2026-12-02' });
    expect(statementWindow({ ...grid, until: '2026-11-05' }).until).toBe('2026-11-05');
    const text = 'Maja Lindqvist säger att utbyggnaden av elnätet måste gå fortare.';
    expect(match('Elnätet', text, '2026-11-01T22:59:00Z')).toEqual([]);
    // 23:30 UTC on 1 Nov is 00:30 on 2 Nov in Stockholm: inside.
    expect(match('Elnätet', text, '2026-11-01T23:30:00Z').map((m) => m.statementId)).toEqual(['elnat-2026']);
    expect(match('Elnätet', text, '2026-12-02T12:00:00Z')).toHaveLength(1);
    expect(match('Elnätet', text, '2026-12-03T12:00:00Z')).toEqual([]);
  });

  it('matches inflected forms, word-order changes and small gaps, with the matched words as evidence', () => {
    const inflected = match('Kommunerna kräver mer', 'Maja Lindqvist: utbyggnad av elnätet avgör var fabrikerna hamnar.');
    expect(inflected).toHaveLength(1);
    expect(inflected[0]!.evidence).toContain('nämner Maja Lindqvist');
    expect(inflected[0]!.evidence.some((e) => e.includes('utbyggnad av elnätet'))).toBe(true);
    expect(match('Elnät', 'Maja Lindqvist vill se elnätets snabba utbyggnad i norr.')).toHaveLength(1);
    expect(match('Elnät', 'Maja Lindqvist vill se utbyggnaden av det regionala elnätet.')).toHaveLength(1);
    // Too far apart is not the phrase.
    expect(match('Elnät', 'Maja Lindqvist talade om utbyggnaden av vägarna i länet. Senare på mötet kom frågan om priset på el och elnätet upp.')).toEqual([]);
  });

  it('needs evidence of the statement, not just its theme', () => {
    // One theme word alone: the theme.
    expect(match('Kompetensförsörjningen i fokus', 'Kommunen satsar på kompetensförsörjning till industrin.')).toEqual([]);
    // One distinctive phrase alone, outside the statement's theme: not enough — also when the
    // phrase's own word (elnätet) would give the item the theme.
    expect(match('Vägar', 'Utbyggnaden av elnätet i kvarteret gör att gatan stängs.')).toEqual([]);
    // One distinctive phrase and the theme on words of the article's own: the statement (rule d).
    const d = match('Elpriset stiger i vinter', 'Utbyggnaden av elnätet går för långsamt, och effektbristen växer i söder.');
    expect(d.map((m) => m.statementId)).toEqual(['elnat-2026']);
    expect(d[0]!.evidence).toContain('samma tema (energy)');
    // Two phrases, one distinctive: the statement.
    const two = match('Elnätet och industrin', 'Utbyggnaden av elnätet är för långsam, och kompetensförsörjning är nästa flaskhals.');
    expect(two.map((m) => m.statementId)).toEqual(['elnat-2026']);
    // The network named and one phrase: the statement.
    expect(match('Krav', 'Nätverket för starka industrikommuner vill se utbyggnad av elnätet.')).toHaveLength(1);
    // The spokesperson named, no phrase: not the statement.
    expect(match('Ny ordförande', 'Maja Lindqvist blir ny ordförande i föreningen.')).toEqual([]);
  });

  it('a word is matched as itself, inflected or as a compound\u2019s head, never inside an unrelated word', () => {
    const s: Statement = { id: 'malm', date: '2026-11-01', title: 'Malm', keyPhrases: ['gruvnäringen'], people: [] };
    expect(match('Gruvnäringens framtid', 'Nätverket för starka industrikommuner om gruvnäringen.', '2026-11-10T09:00:00Z', [s])).toHaveLength(1);
    expect(match('Gruvnäringarna', 'Nätverket för starka industrikommuner om gruvnäringarna.', '2026-11-10T09:00:00Z', [s])).toHaveLength(1);
    expect(match('Järnmalm', 'Nätverket för starka industrikommuner om järngruvnäringen.', '2026-11-10T09:00:00Z', [s])).toHaveLength(1);
    expect(match('Gruvor', 'Nätverket för starka industrikommuner om gruvnäringslivet i stort.', '2026-11-10T09:00:00Z', [s])).toEqual([]);
  });
});
