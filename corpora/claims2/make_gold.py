"""Build the *.gold.jsonl files of the claims2 set (corpora/claims2/).

Each gold entry is written here by hand as
    (text, speaker, speaker_en, kind, cue, polarity, negated, claim[, occurrence])
Offsets are never typed: goldtools.locate finds `text` in the article with str.find and refuses
to run if a span is missing, or occurs more than once and no occurrence index is given.
Span conventions are those of corpora/README.md; polarity / negated / claim are described in
corpora/claims2/README.md.

Run:  python3 corpora/claims2/make_gold.py   (then python3 corpora/claims2/check.py)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools  # noqa: E402

D, P, I = "direct", "partial", "indirect"
A, N, Q = "asserts", "denies", "questions"
T, F = True, False

# ============================================================================================
# Story 1: tunisia-water — night-time water cuts in Tunisia, dam levels, hotels, irrigation
# ============================================================================================
SONEDE_AR = ("الشركة الوطنية لاستغلال وتوزيع المياه", "SONEDE")
BENSALEM_AR = ("منية بن سالم", "Monia Ben Salem")
AGRI_AR = ("وزارة الفلاحة والموارد المائية والصيد البحري", "Tunisian Agriculture Ministry")
GHARBI_AR = ("رضا الغربي", "Ridha Gharbi")
KASMI_AR = ("الهادي القاسمي", "Hedi Kasmi")
AGRI_ANON_AR = ("مسؤول في الوزارة", "unnamed Tunisian Agriculture Ministry official")
OBS_AR = ("المرصد التونسي للمياه والمناخ", "Tunisian Water and Climate Observatory")
TRABELSI_AR = ("وليد الطرابلسي", "Walid Trabelsi")
MARZOUKI_AR = ("سنية المرزوقي", "Sonia Marzouki")

TUNISIA_WATER_DAILY_AR = [
    ("قطع الماء الصالح للشرب ليلا سيتواصل في تونس الكبرى وولايات الساحل إلى غاية نهاية شهر سبتمبر، من الساعة التاسعة ليلا إلى الرابعة فجرا",
     *SONEDE_AR, I, "أعلنت", A, F, "water-cuts-until-september"),
    ("لا نملك خيارا آخر. مخزون السدود لا يسمح بتزويد عادي على مدار الساعة",
     *BENSALEM_AR, D, "قالت", A, T, "water-no-other-option"),
    ("تكون الشركة بصدد توسيع القطع ليشمل ساعات النهار",
     *BENSALEM_AR, I, "نفت", N, F, "water-cuts-daytime"),
    ("الأولوية اليوم هي ضمان ماء الشرب قبل أي استعمال آخر",
     *BENSALEM_AR, D, "أكد", A, F, "water-drinking-priority"),
    ("لا يتجاوز مخزون السدود حاليا 30 في المئة من طاقتها الإجمالية، وهو أدنى مستوى يُسجَّل منذ سبع سنوات",
     *AGRI_AR, I, "بحسب", A, F, "water-dams-30pct"),
    ("لم نستثنِ أي نزل ولا أي منطقة سياحية. القانون يطبَّق على الجميع",
     *GHARBI_AR, D, "قال", A, T, "water-hotels-exempt"),
    ("محطة تحلية مياه البحر في صفاقس ستدخل حيز الاستغلال في ربيع العام المقبل، بطاقة إنتاج تبلغ 100 ألف متر مكعب يوميا",
     *GHARBI_AR, I, "أضاف", A, F, "water-desal-sfax-spring"),
    ("مياه الري قُطعت بالكامل عن ضيعات القوارص في الوطن القبلي منذ مطلع يوليو",
     *KASMI_AR, I, "قال", A, F, "water-irrigation-cut"),
    ("موسم كارثي", *KASMI_AR, P, "حذّر", A, F, "water-catastrophic-season"),
    ("تكون مياه الري قد قُطعت كليا", *GHARBI_AR, I, "نفى", N, F, "water-irrigation-cut"),
    ("الحصص خُفّضت إلى النصف فقط حفاظا على مياه الشرب",
     *GHARBI_AR, I, "أوضح", A, F, "water-irrigation-halved"),
    ("الحكومة تدرس رفع تعريفة الاستهلاك المنزلي الذي يتجاوز 40 مترا مكعبا في الثلاثية",
     *AGRI_ANON_AR, I, "كشف", A, F, "water-tariff-study"),
]

TUNISIA_WATER_SITE_AR = [
    ("نسبة امتلاء السدود في البلاد تراجعت إلى ٢٢٪ فقط", *OBS_AR, I, "قال", A, F, "water-dams-22pct"),
    ("يكون المخزون الفعلي قد بلغ ٣٠٪", *OBS_AR, I, "شكك", Q, F, "water-dams-30pct"),
    ("الوزارة تحتسب سدودا شبه جافة ضمن طاقة التخزين، والأرقام التي تنشرها لا تعكس الواقع",
     *TRABELSI_AR, D, "قال", A, T, "water-official-figures-misleading"),
    ("تستثني النزل في الحمامات وجربة من القطع الليلي", *TRABELSI_AR, I, "اتهم", A, F, "water-hotels-exempt"),
    ("كيف يُطلب من العائلات الصبر بينما تُملأ مسابح النزل كل صباح؟",
     *TRABELSI_AR, D, "تساءل", Q, F, "water-families-patience-question"),
    ("النزل معفاة من القطع", *SONEDE_AR, I, "كذّبت", N, F, "water-hotels-exempt"),
    ("البرنامج يشمل جميع المشتركين دون تمييز", *SONEDE_AR, I, "أكد", A, F, "water-cuts-apply-to-all"),
    ("لن يُقطع نهارا مهما كانت الظروف", *BENSALEM_AR, P, "تعهدت", A, T, "water-cuts-daytime"),
    ("تدخل محطة تحلية صفاقس الخدمة في الربيع المقبل", *MARZOUKI_AR, I, "شككت", Q, F, "water-desal-sfax-spring"),
    ("أشغالها متأخرة بأكثر من عام", *MARZOUKI_AR, I, "أشار", A, F, "water-desal-delayed"),
    ("هل يمكن أن نراهن على محطة لم تكتمل بعد لإنقاذ صيف العام القادم؟",
     *MARZOUKI_AR, D, "تساءلت", Q, F, "water-desal-sfax-spring"),
    ("الاستهلاك في ذروة الصيف يتجاوز الإنتاج بنحو ١٥٪ في ولايات الساحل",
     *OBS_AR, I, "تشير", A, F, "water-peak-demand-gap"),
]

BENSALEM = ("Monia Ben Salem", "Monia Ben Salem")
OBS = ("Tunisian Water and Climate Observatory", "Tunisian Water and Climate Observatory")
TRABELSI = ("Walid Trabelsi", "Walid Trabelsi")
KASMI = ("Hedi Kasmi", "Hedi Kasmi")
MARZOUKI = ("Sonia Marzouki", "Sonia Marzouki")

TUNISIA_WATER_WIRE_EN = [
    ("Tunisia's state water utility will keep cutting household supplies every night until the end of September",
     *BENSALEM, I, "said", A, F, "water-cuts-until-september"),
    ("households should fill their tanks before 9 p.m., when the taps go dry",
     *BENSALEM, I, "told", A, F, "water-fill-tanks"),
    ("the cuts would soon be extended to daytime hours", *BENSALEM, I, "rejected", N, F, "water-cuts-daytime"),
    ("We will not cut water during the day, whatever happens", *BENSALEM, D, "said", A, T, "water-cuts-daytime"),
    ("the country's dams are 30% full, the lowest level in seven years",
     "agriculture ministry", "Tunisian Agriculture Ministry", I, "according to", A, F, "water-dams-30pct"),
    ("reservoirs held only 22% of their capacity", *OBS, I, "said", A, F, "water-dams-22pct"),
    ("the dams were 30% full", *TRABELSI, I, "disputed", N, F, "water-dams-30pct"),
    ("Half of what they count as stored water is mud", *TRABELSI, D, "said", A, F, "water-dams-mud"),
    ("sparing hotels in Hammamet and Djerba from the night-time cuts", *TRABELSI, I, "accused", A, F, "water-hotels-exempt"),
    ("tourist hotels were exempt", "SONEDE", "SONEDE", I, "dismissed", N, F, "water-hotels-exempt"),
    ("completely cut off", *KASMI, P, "said", A, F, "water-irrigation-cut"),
    ("How are we supposed to keep trees alive through August?", *KASMI, D, "asked", Q, F, "water-trees-august-question"),
    ("the orchards had lost their water supply altogether",
     "Ridha Gharbi", "Ridha Gharbi", I, "refuted", N, F, "water-irrigation-cut"),
    ("a desalination plant under construction in Sfax will start operating next spring",
     "Tunisian government", "Tunisian government", I, "says", A, F, "water-desal-sfax-spring"),
    ("the plant would be running by spring", *MARZOUKI, I, "questioned", Q, F, "water-desal-sfax-spring"),
    ("Every big water project in this country has been late", *MARZOUKI, D, "said", A, F, "water-projects-late"),
]

# ============================================================================================
# Story 2: basra-fire — hospital fire in Basra, disputed toll, cause, alarms, exits
# ============================================================================================
HEALTH = ("Iraq's Health Ministry", "Iraqi Health Ministry")
HASNAWI = ("Diaa al-Hasnawi", "Diaa al-Hasnawi")
SAADI = ("Nabil al-Saadi", "Nabil al-Saadi")
HALFI = ("Raad al-Halfi", "Raad al-Halfi")

BASRA_FIRE_WIRE_EN = [
    ("Fire at Basra hospital kills 21", *HEALTH, I, "says", A, F, "fire-toll-21"),
    ("A fire tore through the dialysis and internal medicine wing of a public hospital in the southern Iraqi city of Basra late Sunday, killing 21 people, most of them patients",
     *HEALTH, I, "said", A, F, "fire-toll-21"),
    ("34 others were injured, nine of them critically", *HASNAWI, I, "said", A, F, "fire-injured-34"),
    ("more than 30 people had died", *HASNAWI, I, "said", N, F, "fire-toll-over-30"),
    ("The blaze at al-Zubair General Hospital was caused by an electrical short circuit in an air-conditioning unit",
     *SAADI, I, "according to", A, F, "fire-cause-short-circuit"),
    ("The flames spread within minutes because of the plastic panels in the ceiling",
     *SAADI, D, "said", A, F, "fire-flames-ceiling-panels"),
    ("firefighters had run short of water at the scene", *SAADI, I, "denied", N, F, "fire-water-shortage-scene"),
    ("an oxygen cylinder exploded in the ward", *HEALTH, I, "said", N, F, "fire-cause-oxygen-cylinder"),
    ("the hospital's fire alarm system had been out of service for months",
     *HALFI, I, "said", A, F, "fire-alarms-disabled"),
    ("the emergency exits had been locked when the fire broke out", *HALFI, I, "questioned", Q, F, "fire-exits-locked"),
    ("People died in a hospital, the one place they came to be saved", *HALFI, D, "told", A, F, "fire-deaths-in-hospital"),
    ("Someone has to answer for this", *HALFI, D, "told", A, F, "fire-someone-must-answer"),
    ("it had suspended the hospital's director and its head of safety pending an investigation",
     *HEALTH, I, "said", A, F, "fire-director-suspended"),
    ("arrest warrants had been issued for members of the hospital staff",
     "spokesman for Basra police", "Basra police spokesman", I, "did not confirm", N, F, "fire-arrest-warrants"),
]

HEALTH_UK = ("Iraq’s health ministry", "Iraqi Health Ministry")
ABDULZAHRA = ("Hussein Abdul-Zahra", "Hussein Abdul-Zahra")
JABRI = ("Munther al-Jabri", "Munther al-Jabri")
NURSE = ("nurse who was on duty that night", "al-Zubair hospital nurse")

BASRA_FIRE_PAPER_EN = [
    ("locking the emergency exits", "relatives of patients killed in Sunday night’s fire", "victims' relatives",
     I, "accused", A, F, "fire-exits-locked"),
    ("21 people had died", *HEALTH_UK, I, "said", A, F, "fire-toll-21"),
    ("his teams had recovered 27 bodies", *SAADI, I, "said", A, F, "fire-toll-27"),
    ("at least 27", "doctor at the hospital", "al-Zubair hospital doctor", P, "said", A, F, "fire-toll-27"),
    ("the doors at the end of the corridor had been chained shut", *ABDULZAHRA, I, "said", A, F, "fire-exits-locked"),
    ("We could hear them screaming and we could not get in", *ABDULZAHRA, D, "said", A, T, "fire-could-not-get-in"),
    ("Every door on that floor was open. Nobody locked anything", *JABRI, D, "told", A, T, "fire-exits-locked"),
    ("any exit had been chained", *JABRI, I, "denied", N, F, "fire-exits-locked"),
    ("the alarm system had been switched off", *JABRI, I, "rejected", N, F, "fire-alarms-disabled"),
    ("within seconds", *JABRI, P, "insisted", A, F, "fire-alarms-sounded"),
    ("the fire had started when an oxygen cylinder next to a patient’s bed exploded",
     *NURSE, I, "said", A, F, "fire-cause-oxygen-cylinder"),
    ("It was not the air conditioner", *NURSE, D, "said", A, T, "fire-cause-short-circuit"),
    ("I saw the cylinder go up", *NURSE, D, "said", A, F, "fire-cause-oxygen-cylinder"),
    ("the blaze began in an air-conditioning unit on the second floor", *SAADI, I, "insisted", A, F, "fire-cause-short-circuit"),
    ("a committee of investigators would deliver its findings within a week",
     "prime minister’s office", "Iraqi prime minister's office", I, "said", A, F, "fire-report-within-week"),
    ("anyone senior would be held to account", *ABDULZAHRA, I, "doubted", Q, F, "fire-accountability"),
    ("They will blame an electrician and close the file", *ABDULZAHRA, D, "said", A, F, "fire-blame-electrician"),
]

HEALTH_AR = ("وزارة الصحة", "Iraqi Health Ministry")
SAADI_AR = ("نبيل الساعدي", "Nabil al-Saadi")
HALFI_AR = ("رعد الحلفي", "Raad al-Halfi")
JABRI_AR = ("منذر الجابري", "Munther al-Jabri")
ABDULZAHRA_AR = ("حسين عبد الزهرة", "Hussein Abdul-Zahra")

BASRA_FIRE_CHANNEL_AR = [
    ("ارتفعت حصيلة ضحايا الحريق الذي اندلع ليل الأحد في مستشفى الزبير العام بمحافظة البصرة إلى 27 قتيلا",
     "مديرية الدفاع المدني", "Basra Civil Defence Directorate", I, "بحسب", A, F, "fire-toll-27"),
    ("عدد الوفيات لم يتجاوز 21", *HEALTH_AR, I, "أكدت", A, F, "fire-toll-21"),
    ("فرقه انتشلت 27 جثة من الطابق الثاني", *SAADI_AR, I, "قال", A, F, "fire-toll-27"),
    ("الحريق نجم عن تماس كهربائي في جهاز تكييف", *SAADI_AR, I, "أضاف", A, F, "fire-cause-short-circuit"),
    ("النيران بدأت بانفجار أسطوانة أكسجين قرب سرير أحد المرضى",
     "ممرضة مناوبة في المستشفى", "al-Zubair hospital nurse", I, "قالت", A, F, "fire-cause-oxygen-cylinder"),
    ("تكون أي أسطوانة أكسجين قد انفجرت داخل الردهة",
     "ضياء الحسناوي", "Diaa al-Hasnawi", I, "نفى", N, F, "fire-cause-oxygen-cylinder"),
    ("أول سيارة إطفاء وصلت بعد 45 دقيقة من اندلاع النيران", *ABDULZAHRA_AR, I, "قال", A, F, "fire-response-45min"),
    ("أبواب الطوارئ في نهاية الممر كانت مقفلة بالسلاسل", *ABDULZAHRA_AR, I, "قال", A, F, "fire-exits-locked"),
    ("فرق الإطفاء تأخرت في الوصول", *SAADI_AR, I, "فنّد", N, F, "fire-brigade-late"),
    ("أول سيارة بلغت المستشفى بعد 12 دقيقة من تلقي البلاغ", *SAADI_AR, I, "أكد", A, F, "fire-response-12min"),
    ("كانت معطلة منذ أشهر", *HALFI_AR, P, "أكد", A, F, "fire-alarms-disabled"),
    ("أبواب الطوارئ كانت مقفلة", *JABRI_AR, I, "رفض", N, F, "fire-exits-locked"),
    ("أجهزة الإنذار لم تتعطل يوما، وقد انطلقت فور اندلاع الحريق", *JABRI_AR, D, "قال", A, T, "fire-alarms-disabled"),
    ("تعلن لجنة التحقيق الحكومية نتائجها خلال أسبوع", *HALFI_AR, I, "شكك", Q, F, "fire-report-within-week"),
    ("كم حريقا آخر نحتاج حتى تتغير الأمور في مستشفياتنا؟", *HALFI_AR, D, "تساءل", Q, F, "fire-how-many-fires-question"),
]

# ============================================================================================
# Story 3: libya-dinar — devaluation rumour, leaked memo, parallel-market rate, salaries
# ============================================================================================
CBL_AR = ("مصرف ليبيا المركزي", "Central Bank of Libya")
ZAWI_AR = ("عمر الزوي", "Omar al-Zawi")
FITOURI_AR = ("سالم الفيتوري", "Salem al-Fitouri")
HASI_AR = ("نوري الحاسي", "Nouri al-Hasi")
BANKSRC_AR = ("مصدرين مصرفيين", "two banking sources")

LIBYA_DINAR_DAILY_AR = [
    ("يكون بصدد خفض قيمة الدينار", *CBL_AR, I, "ينفي", N, F, "dinar-devaluation-planned"),
    ("يكون المصرف بصدد تعديل سعر الصرف الرسمي للدينار", *ZAWI_AR, I, "نفى", N, F, "dinar-devaluation-planned"),
    ("لن يكون هناك أي تعديل على سعر الصرف الرسمي هذا العام", *ZAWI_AR, D, "قال", A, T, "dinar-devaluation-planned"),
    ("المذكرة المتداولة مزورة، ولم تصدر عن مجلس الإدارة", *ZAWI_AR, D, "أضاف", A, T, "dinar-memo-genuine"),
    ("مجلس الإدارة وقّع على المذكرة", *CBL_AR, I, "قال", N, F, "dinar-memo-genuine"),
    ("قفز سعر الدولار يوم الأحد إلى 7.20 دينارات، مقابل نحو 6.40 دينارات قبل أسبوع",
     "صرافين في سوق المشير بطرابلس", "Tripoli money changers", I, "بحسب", A, F, "dinar-parallel-7-20"),
    ("الناس يشترون الدولار بأي سعر خوفا من الغد", "محمود الككلي", "Mahmoud al-Kikli", D, "قال", A, F, "dinar-panic-buying"),
    ("سعر الدولار في السوق الموازية لم يتجاوز 6.85 دينارات", *CBL_AR, I, "أكد", A, F, "dinar-parallel-6-85"),
    ("احتياطيات المصرف من النقد الأجنبي تبلغ 82 مليار دولار", *ZAWI_AR, I, "أوضح", A, F, "dinar-reserves-82bn"),
    ("كافية لتغطية الواردات لأكثر من ثلاث سنوات", *ZAWI_AR, P, "أوضح", A, F, "dinar-reserves-cover-imports"),
    ("الرواتب لن تتأخر يوما واحدا", *FITOURI_AR, D, "قال", A, T, "dinar-salaries-delayed"),
    ("رواتب شهر أكتوبر ستتأخر بسبب نقص السيولة", *FITOURI_AR, I, "رفض", N, F, "dinar-salaries-delayed"),
    ("تكون الاحتياطيات القابلة للاستخدام بهذا الحجم", *HASI_AR, I, "شكك", Q, F, "dinar-reserves-82bn"),
    ("إذا لم يكن هناك تعديل قادم، فلماذا يرفض المصرف نشر ميزانيته الشهرية منذ مارس؟",
     *HASI_AR, D, "تساءل", Q, F, "dinar-balance-sheet-question"),
]

LIBYA_DINAR_SITE_AR = [
    ("بلغ سعر الدولار يوم الأحد ٧٫٢٠ دينارات",
     "متعاملين في سوق المشير بطرابلس", "Tripoli money changers", I, "بحسب", A, F, "dinar-parallel-7-20"),
    ("المصرف يعتزم خفض قيمة الدينار قبل نهاية العام", *BANKSRC_AR, I, "نقلت", A, F, "dinar-devaluation-planned"),
    ("الرسم المفروض على مبيعات النقد الأجنبي سيُرفع من ١٥ إلى ٢٧ في المئة",
     *BANKSRC_AR, I, "نقلت", A, F, "dinar-fx-fee-raised"),
    ("المذكرة صحيحة، وقد اطّلع عليها عدد من مديري المصارف التجارية", *BANKSRC_AR, D, "قال", A, F, "dinar-memo-genuine"),
    ("المذكرة صدرت عن مجلس الإدارة",
     "مسؤول في المصرف المركزي", "unnamed Central Bank of Libya official", I, "كذّب", N, F, "dinar-memo-genuine"),
    ("الرسم على مبيعات النقد الأجنبي سيُرفع",
     "مسؤول في المصرف المركزي", "unnamed Central Bank of Libya official", I, "لم يؤكد", N, F, "dinar-fx-fee-raised"),
    ("المصارف التجارية أوقفت بيع العملة الأجنبية للأفراد", *CBL_AR, I, "وصف", N, F, "dinar-banks-stop-fx-sales"),
    ("منظومة بيع النقد الأجنبي تعمل بشكل طبيعي", *CBL_AR, I, "أكد", A, F, "dinar-fx-system-normal"),
    ("تتأخر رواتب شهر أكتوبر", *FITOURI_AR, I, "استبعد", N, F, "dinar-salaries-delayed"),
    ("الوزارة أحالت مخصصات الرواتب إلى المصارف منذ الأسبوع الماضي",
     *FITOURI_AR, I, "لفت", A, F, "dinar-salary-funds-transferred"),
    ("كان المصرف يخطط سرا لخفض قيمة الدينار", "سعاد القماطي", "Souad al-Gammati", I, "تساءلت", Q, F,
     "dinar-devaluation-planned"),
    ("من حق الليبيين أن يعرفوا ما يجري داخل مصرفهم المركزي", "سعاد القماطي", "Souad al-Gammati", D, "أضافت", A, F,
     "dinar-right-to-know"),
]

CBL = ("Central Bank of Libya", "Central Bank of Libya")
ZAWI = ("Omar al-Zawi", "Omar al-Zawi")

LIBYA_DINAR_BUSINESS_EN = [
    ("dinar rate will not change", *CBL, I, "says", A, T, "dinar-devaluation-planned"),
    ("the bank was preparing to devalue the dinar", *ZAWI, I, "denied", N, F, "dinar-devaluation-planned"),
    ("There will be no change to the official exchange rate this year", *ZAWI, D, "said", A, T, "dinar-devaluation-planned"),
    ("The memo is a forgery and never came from the board", *ZAWI, D, "said", A, T, "dinar-memo-genuine"),
    ("the dollar had jumped to 7.20 dinars on Sunday, from about 6.40 a week earlier",
     "money changers in the Mushir market", "Tripoli money changers", I, "said", A, F, "dinar-parallel-7-20"),
    ("the black-market rate had not gone above 6.85 dinars", *CBL, I, "said", A, F, "dinar-parallel-6-85"),
    ("I have not seen demand like this since 2020", "Mahmoud al-Kikli", "Mahmoud al-Kikli", D, "said", A, T,
     "dinar-demand-since-2020"),
    ("commercial banks had stopped selling foreign currency to individuals", *CBL, I, "described", N, F,
     "dinar-banks-stop-fx-sales"),
    ("the bank had asked lenders to cap cash withdrawals",
     "central bank spokesman", "Central Bank of Libya spokesman", I, "did not confirm", N, F, "dinar-withdrawal-cap"),
    ("under review", "central bank spokesman", "Central Bank of Libya spokesman", P, "said", A, F,
     "dinar-liquidity-under-review"),
    ("foreign reserves stood at $82 billion", *ZAWI, I, "said", A, F, "dinar-reserves-82bn"),
    ("its reserves were worth that much", "Nouri al-Hasi", "Nouri al-Hasi", I, "cast doubt on", Q, F, "dinar-reserves-82bn"),
    ("no more than $60 billion could actually be used", "Nouri al-Hasi", "Nouri al-Hasi", I, "estimated", A, F,
     "dinar-usable-reserves-60bn"),
    ("October salaries would be paid late", "Salem al-Fitouri", "Salem al-Fitouri", I, "dismissed", N, F,
     "dinar-salaries-delayed"),
    ("Salaries will not be delayed by a single day", "Salem al-Fitouri", "Salem al-Fitouri", D, "said", A, T,
     "dinar-salaries-delayed"),
    ("What exactly is the central bank hiding from Libyans?", "Souad al-Gammati", "Souad al-Gammati", D, "asked", Q, F,
     "dinar-hiding-question"),
]

TEXT_FILES = {
    "tunisia-water-daily-ar.txt": TUNISIA_WATER_DAILY_AR,
    "tunisia-water-site-ar.txt": TUNISIA_WATER_SITE_AR,
    "tunisia-water-wire-en.txt": TUNISIA_WATER_WIRE_EN,
    "basra-fire-wire-en.txt": BASRA_FIRE_WIRE_EN,
    "basra-fire-paper-en.txt": BASRA_FIRE_PAPER_EN,
    "basra-fire-channel-ar.txt": BASRA_FIRE_CHANNEL_AR,
    "libya-dinar-daily-ar.txt": LIBYA_DINAR_DAILY_AR,
    "libya-dinar-site-ar.txt": LIBYA_DINAR_SITE_AR,
    "libya-dinar-business-en.txt": LIBYA_DINAR_BUSINESS_EN,
}


def main():
    total = 0
    for name, specs in TEXT_FILES.items():
        article = open(os.path.join(HERE, name), encoding="utf-8").read()
        rows = []
        for spec in specs:
            text, speaker, speaker_en, kind, cue, polarity, negated, claim = spec[:8]
            base = (text, speaker, speaker_en, kind, cue) + tuple(spec[8:9])
            row = goldtools.locate(article, base, name)
            row.update(polarity=polarity, negated=negated, claim=claim)
            rows.append(row)
        rows.sort(key=lambda r: r["start"])
        goldtools.write_gold(os.path.join(HERE, goldtools.gold_name(name)), rows)
        total += len(rows)
        print(f"{goldtools.gold_name(name)}: {len(rows)}")
    print("total claims2 gold statements:", total)


if __name__ == "__main__":
    main()
