/**
 * Basic stop words for en/de/fr/es/pt, plus words that are in nearly every support
 * mail ("problem", "help", "please") and so never narrow a Help Center search.
 */

/** The function words of each language, by language code: also what tells the languages apart (domain/language.ts). */
export const FUNCTION_WORDS = {
  en: `a about above after again against all also am an and any are aren't as at be because been before being
  below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
  during each either else even ever every few for from further get gets getting got had hadn't has hasn't
  have haven't having he her here hers herself him himself his how however i i'd i'll i'm i've if in into
  is isn't it it's its itself just let's like me might more most much must mustn't my myself need needs
  no nor not now of off on once only or other our ours ourselves out over own really same shall she
  should shouldn't since so some still such than that that's the their theirs them themselves then there
  there's these they they're this those though through to too under until up upon us very via was wasn't
  we we're we've were weren't what what's when where which while who whom whose why will with within
  without won't would wouldn't yet you you're you've your yours yourself yourselves already always
  another anyone anything around back many may maybe never next nothing one ones quite seem seems
  something sometimes somehow soon sure thing things two way well whether etc e.g i.e ok okay yes`,
  de: `aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch auf
  aus bei beim bin bis bist da damit dann das dass dein deine dem den denn der des dessen dich die dies
  diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige
  er es etwas euch euer eure für gegen gewesen hab habe haben hat hatte hätte hier hin hinter ich ihm ihn
  ihnen ihr ihre im in indem ins ist jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen
  keiner können könnte leider man manche mein meine mich mir mit muss musste nach nicht nichts noch nun
  nur ob oder ohne schon sehr sein seine sich sie sind so solche soll sollte sondern sonst über um und
  uns unser unsere unter viel vom von vor wann war waren warum was weil weiter welche welchem welchen
  welcher wenn wer werde werden wie wieder will wir wird wo wollen wurde würde zu zum zur zwar zwischen
  bitte gibt geht immer mal mehr seit wurden`,
  fr: `a à afin ai aie aient ainsi as au aucun aussi autre aux avec avais avait avant avez avoir avons ça
  car ce ceci cela celle celles celui cependant ces cet cette ceux chaque ci comme comment dans de des
  depuis donc dont du elle elles en encore entre est et étaient était été être eu eux fait faire fais
  ici il ils j je jamais jusqu l la le les leur leurs lui m ma mais me même mes moi mon n ne ni non nos
  notre nous on ont ou où par parce pas peu peut peux plus pour pourquoi pouvez puis qu quand que quel
  quelle quelles quels qui quoi s sa sans se ses si sien son sont sous suis sur t ta te tes toi ton tous
  tout toute toutes très tu un une vers voici voilà vos votre vous y svp`,
  es: `a al algo algún alguna algunas alguno algunos ante antes aquí así aun aunque cada como cómo con contra
  cual cuando cuándo de del desde donde dónde durante e el él ella ellas ellos en entre era eran es esa
  esas ese eso esos esta está estaba estado están estar este esto estos estoy fue fueron ha había han
  hasta hay he la las le les lo los me mi mis mucho muy nada ni no nos nosotros o os otra otro para pero
  poco por porque qué que quien quién se sea ser si sí sido sin sobre son su sus también tan tanto te
  tengo tiene tienen todo todos tu tú un una uno unos usted ustedes vosotros y ya favor puedo puede`,
  pt: `a ao aos aquela aquele aquilo as até com como da das de dela dele deles depois do dos e é ela elas ele
  eles em entre era essa esse esta está estão este eu foi for foram há isso isto já lhe mais mas me
  mesmo meu minha muito na não nas nem no nos nós o os ou para pela pelas pelo pelos por qual quando
  que quem se sem ser seu sua são só também te tem têm tu um uma umas uns você vocês vos consigo`,
};

const LISTS = [
  ...Object.values(FUNCTION_WORDS),
  // Greetings, closings and support boilerplate in the same languages
  `hi hello hey dear thanks thank please pls regards best cheers kind team support help issue issues
  problem problems question questions hallo danke grüße gruß problem frage hilfe team bonjour merci
  cordialement problème question aide équipe hola gracias saludos problema pregunta ayuda equipo olá
  obrigado obrigada ajuda pergunta equipe ticket`,
  // Time words and vague verbs that say when or that, not what
  `today yesterday tomorrow morning afternoon evening week weeks day days hour hours minute minutes
  second seconds monday tuesday wednesday thursday friday saturday sunday ago anymore able unable want
  wanted tell know think see saw seen say says said show shows showing shown try tried trying work works
  working worked use used using keep keeps
  heute gestern morgen woche tag tage stunde stunden minuten sekunden montag dienstag mittwoch donnerstag
  freitag samstag sonntag kommt kommen geht ging funktioniert klappt bekomme bekommen
  hier demain semaine jours heure heures lundi mardi mercredi jeudi vendredi samedi dimanche arrive
  marche fonctionne toujours impossible
  hoy ayer mañana semana día días hora horas lunes martes miércoles jueves viernes sábado domingo nunca
  siempre funciona intenté
  hoje ontem amanhã dia dias segunda terça quarta quinta sexta sempre`,
];

export const STOP_WORDS: ReadonlySet<string> = new Set(LISTS.flatMap((list) => list.split(/\s+/).filter(Boolean)));
