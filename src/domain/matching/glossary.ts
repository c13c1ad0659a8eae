import { stem } from './stemmer';
import { fold, UNSPACED, type Token } from './text';
import { ENGLISH_PASSWORD } from '../text';

/**
 * Support words of the languages a team's customers write in, read as the English word an answer's
 * examples most likely use, so a ticket in German meets an answer written in English on its words
 * and not only on the few letters they share. A library in one language (usually English) is the
 * common case, and its examples cannot teach the matcher that "Karte" is "card".
 *
 * One line per concept: the English words, then its words in German | French | Spanish |
 * Portuguese | Japanese. A word ending in `*` stands for every word starting with it (inflected
 * forms); words joined by `_` are a phrase; Japanese is unspaced, so its words are found anywhere
 * in the text. A key belongs to one concept only, and none is a common English word of another
 * meaning: glossing applies to every text, whatever its language. Written from the words of
 * support in general and of cards and payments in particular.
 */
const TABLE = `
abroad: ausland* | etranger | extranjero | | 海外
account: konto konten kontos | compte comptes | cuenta cuentas | conta contas | 口座 アカウント
activate: aktivier* | activer | activar activacion | ativar ativacao | 有効化 アクティベート
address: adresse anschrift | | direccion domicilio | endereco | 住所
amount: betrag | montant | importe monto | quantia | 金額
app: | appli | aplicacion | aplicativo | アプリ
arrived: angekommen ankommen eingetroffen | arrivee arriver | llega* llego | chegou chega* | 届
atm: geldautomat* bankautomat* | distributeur | cajero* | caixa_eletronico | 
balance: guthaben saldo | solde | | | 残高
bank: | banque | banco | | 銀行
blocked: gesperrt sperre gesperrte blockiert* | bloqu* | bloquead* bloqueo | bloquead* bloqueio | ロック 凍結
cancel: storn* | annul* | anular | cancelar cancelei | キャンセル 取り消
card: karte* kreditkarte* debitkarte* bankkarte* | carte* | tarjeta* | cartao cartoes | カード
cash: bargeld | especes | efectivo | | 現金
change: andern anderung* | changer changement modifier | cambiar | mudar alterar trocar | 変更
charge: abbuchung* belastung* | | cobro* cobrad* | cobranca* cobrad* | 請求
close: schließ* schliess* auflosen auflosung | clotur* fermer fermeture | cerrar cierre | encerrar encerramento fechar | 解約
code: | | codigo codigos | codigo codigos | コード
contactless: kontaktlos* | sans_contact | sin_contacto | sem_contato aproximacao | タッチ決済 非接触
crash: absturz* absturzt sturzt_ab | plante | | trava travou | クラッシュ 落ち
currency: wahrung* | devise* | divisa* moneda | moeda | 通貨
day: tage tagen | jour jours | dia dias | dia dias |
declined: abgelehnt* abgewiesen | refus* | rechaza* denegad* | recusad* negad* | 拒否
delivery: lieferung zustellung | livraison courrier | | entrega correio | 郵送 配達
direct debit: lastschrift* | prelevement* | domiciliacion* adeudo* | | 口座振替 引き落とし 引落
dispute: reklamation widerspruch einspruch | contester contestation | disputa reclamacion reclamar | contestar contestacao | 異議
error: fehler* | erreur* | | erro | エラー
exchange rate: wechselkurs* umrechnungskurs* | taux | tipo_de_cambio | taxa_de_cambio | 為替 レート
expired: abgelaufen* | | caducad* vencid* | vencid* expirad* | 期限切れ
failed: fehlgeschlagen gescheitert | echoue echec | fallid* fallo | falhou falha | 失敗
fee: gebuhr* | frais | comision* tarifa | taxa tarifa | 手数料
forgot: vergessen | oublie oublier oubli | olvide olvidado olvidada | esqueci esqueceu | 忘れ
fraud: betrug* | fraude | | | 不正
frozen: eingefroren einfrieren | gele gelee | congelad* | congelad* | 凍結中
limit: | plafond* | limite limites | limite limites | 限度 上限
login: anmeld* einlogg* | connexion connecter | iniciar_sesion acceder acceso | acessar | ログイン
lost: verloren | perdu perdue | perdi perdida perdido | perdi perdido | 紛失 なくし 無くし
merchant: geschaft | marchand commercant | comercio tienda | loja comerciante | 加盟店
money: geld | argent | dinero | dinheiro | お金
new: neu neue neuen neuer neues | nouveau nouvelle | nuevo nueva | novo nova | 新しい
not: nicht kein keine | pas | | nao | ない ません
notification: benachrichtigung* mitteilung* | | notificacion* | notificac* | 通知
number: nummer | numero | numero | | 番号
open: offnen eroffnen | ouvrir ouverture | abrir | abrir | 開かない 開けない 起動
order: bestell* | commande commander | pedido* solicit* | pedido* solicit* | 注文
${ENGLISH_PASSWORD}: passwort* kennwort | mot_de_passe | contrasena* clave | senha* | パスワード
pay: bezahlt bezahlen zahlen | payer | pagar | pagar paguei | 払
payment: zahlung* bezahlung | paiement* | pago pagos | pagamento* | 支払 決済
pending: ausstehend vorgemerkt | attente | pendiente* | pendente* | 保留
phone: telefon* | | telefono movil celular | telefone celular | 電話 携帯
plan: abo abonnement tarif | forfait | suscripcion | plano assinatura | プラン
purchase: kauf einkauf | achat* | compra compras | compra compras | 購入
raise: erhohen erhohung | augmenter augmentation | aumentar | aumentar | 上げ
received: erhalten bekommen | recu recois recevoir | recibi* | recebi* receber recebo | 受け取
refund: erstattung* ruckerstattung* | rembours* | reembols* devolucion | reembols* estorno | 返金
replace: ersetzen ersatzkarte | remplac* | reemplaz* reposicion | substitu* | 再発行
reset: zurucksetzen | reinitialis* | restablec* | redefinir redefini redefinicao | リセット 再設定
return: zuruckgeb* zuruckbuch* | | devolver devuelt* | devolver devolu* | 返却
salary: gehalt lohn | salaire | salario nomina | salario | 給料 給与
security: sicherheit* | securite | seguridad | seguranca | セキュリティ
send: senden schicken geschickt | envoy* | enviar envie envio | enviar enviei | 送
statement: kontoauszug* | releve releves | extracto* | extrato* | 明細
still: noch | toujours encore | todavia | ainda | まだ
stolen: gestohlen diebstahl | volee | robad* robo | roubad* roubo | 盗
top up: aufladen aufladung aufgeladen | recharg* | recarg* | recarg* | チャージ
transaction: transaktion* umsatz umsatze | | transaccion* movimiento* | transacao transacoes | 取引
transfer: uberweisung* uberwies* | virement* | transferencia* | transferencia* | 振込 振り込 送金
twice: doppelt* | deux_fois | duplicad* doble dos_veces | duplicad* duas_vezes | 二重
unknown: unbekannt* | inconnu* | desconocid* reconozco | desconhecid* reconheco | 覚えのない
unlock: entsperr* | debloqu* | desbloque* | desbloque* | 解除
verify: verifizier* bestatig* | verifier | verificar verificacion | verificar verificacao | 認証
wait: warte* | attendre attends attendu | esperando esperar espero | aguard* | 待
week: woche* | semaine* | semana* | semana* | 週間
weekend: wochenende* | week_end | fin_de_semana | fim_de_semana | 週末
withdrawal: abhebung* abheben abgehoben | retrait* | retiro retirar retirada | saque sacar | 引き出
working: funktioniert* | fonctionne* marche | funciona* | funciona* | 使え 動か
working day: werktag* | ouvrable* | habiles | uteis |
wrong: falsch* | mauvais faux | incorrecto incorrecta equivocad* | errad* incorret* | 間違
`;

/** A concept's English words, as tokens. */
type English = readonly Token[];

interface Glossary {
  /** Whole words, folded. */
  words: Map<string, English>;
  /** Beginnings of words (a `*` entry), folded. */
  starts: Map<string, English>;
  /** Phrases: words joined by spaces, folded, between spaces. */
  phrases: [string, English][];
  /** Japanese words, folded, longest first (口座振替 before 口座). */
  unspaced: [string, English][];
  /** The longest beginning: no word needs to be tried further than this. */
  longestStart: number;
}

/** The shortest beginning a word is looked up by: shorter ones are whole words of their own. */
const MIN_START = 4;

/** The table's lines: each concept's English words, and its keys as written. */
const lines = (table: string) =>
  table
    .trim()
    .split('\n')
    .map((line) => {
      const [concept = '', rest = ''] = line.split(':');
      return { english: concept.trim(), keys: rest.split(/[\s|]+/).filter(Boolean) };
    });

function parse(table: string): Glossary {
  const glossary: Glossary = { words: new Map(), starts: new Map(), phrases: [], unspaced: [], longestStart: 0 };
  for (const line of lines(table)) {
    const english = line.english.split(' ').map((word): Token => ({ surface: word, stem: stem(word), stop: false }));
    for (const key of line.keys) {
      const folded = fold(key);
      if (UNSPACED.test(folded)) glossary.unspaced.push([folded, english]);
      else if (folded.includes('_')) glossary.phrases.push([` ${folded.replaceAll('_', ' ')} `, english]);
      else if (folded.endsWith('*')) {
        glossary.starts.set(folded.slice(0, -1), english);
        glossary.longestStart = Math.max(glossary.longestStart, folded.length - 1);
      } else glossary.words.set(folded, english);
    }
  }
  glossary.unspaced.sort((x, y) => y[0].length - x[0].length);
  return glossary;
}

let parsed: Glossary | undefined;
/** Parsed when first used: by a matcher's build, or a knowledge search for a customer not writing English. */
const glossary = (): Glossary => (parsed ??= parse(TABLE));

function lookUp(word: string, g: Glossary): English | undefined {
  const whole = g.words.get(word);
  if (whole) return whole;
  for (let n = Math.min(word.length, g.longestStart); n >= MIN_START; n--) {
    const found = g.starts.get(word.slice(0, n));
    if (found) return found;
  }
  return undefined;
}

/**
 * The glossary's Japanese words in a text, in the text's order, and the text without them (spaces
 * in their place, so later keys are found where they stand): their characters would otherwise be
 * read as pairs no English answer has. Longer words first: 口座振替 before 口座.
 */
function takeUnspaced(text: string, g: Glossary): { rest: string; english: Token[] } {
  let rest = fold(text);
  const found: [at: number, english: English][] = [];
  for (const [key, english] of g.unspaced) {
    const at = rest.indexOf(key);
    if (at < 0) continue;
    found.push([at, english]);
    rest = rest.replaceAll(key, ' '.repeat(key.length));
  }
  return { rest, english: found.sort((x, y) => x[0] - y[0]).flatMap(([, english]) => english) };
}

/**
 * `read`'s tokens of the text, each word of the glossary read as its English words, so both its
 * stem and its letters meet an English answer's. Japanese words are taken out of the text before
 * it is read; their English words, and those of the phrases found, come last.
 */
export function gloss(text: string, read: (text: string) => Token[]): Token[] {
  const g = glossary();
  const { rest, english: extra } = UNSPACED.test(text) ? takeUnspaced(text, g) : { rest: text, english: [] };
  const tokens = read(rest);
  const out = tokens.flatMap((t) => (t.stop ? t : (lookUp(t.surface, g) ?? t)));
  const spaced = ` ${tokens.map((t) => t.surface).join(' ')} `;
  for (const [key, english] of g.phrases) if (spaced.includes(key)) extra.push(...english);
  return extra.length ? [...out, ...extra] : out;
}

/**
 * A search term's English words: those of a word of the glossary, or of the glossary's Japanese
 * words within it; none for a word it does not know (names, codes, English words).
 */
export function englishOf(term: string): string[] {
  const g = glossary();
  const english = UNSPACED.test(term) ? takeUnspaced(term, g).english : (lookUp(fold(term), g) ?? []);
  return english.map((t) => t.surface);
}

/** Every key as written with its concept's English words, for the tests' checks of the table. */
export const glossaryEntries = (): { key: string; english: string }[] =>
  lines(TABLE).flatMap(({ english, keys }) => keys.map((key) => ({ key, english })));
