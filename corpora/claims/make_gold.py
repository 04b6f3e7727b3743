"""Build the gold files of the claims set (corpora/claims/).

Each gold entry is written here by hand as
    (text, speaker, speaker_en, kind, cue, polarity, negated, claim[, occurrence])
Offsets are never typed: goldtools.locate finds `text` in the article with str.find and refuses
to run if a span is missing, or occurs more than once and no occurrence index is given.
Conventions are those of corpora/README.md plus the claim fields described in
corpora/claims/README.md (polarity, negated, claim).

The claim table (claims.labels.jsonl) and the lookup queries (queries.labels.jsonl) are also written by hand
here and dumped by this script, so that there is one source for every file.

Run:  python3 corpora/claims/make_gold.py   (then python3 corpora/claims/check.py)
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools  # noqa: E402

D, P, I = "direct", "partial", "indirect"
A, N, Q = "asserts", "denies", "questions"   # polarity
T, F = True, False                            # negated

# ============================================================================================
# Story 1: gabes-plant (Tunisia: halted phosphate-fertilizer plant in Gabes)
# ============================================================================================
HAM_AR = ("منجي الحامدي", "Mongi Hamdi")
BSL_AR = ("هشام بن سليمان", "Hichem Ben Slimane")
SFC_AR = ("شركة الجنوب للأسمدة", "Southern Fertilizer Company")
GBC_AR = ("تنسيقية قابس تتنفس", "Gabes Breathes collective")
ZEG_AR = ("خولة الزغلامي", "Khawla Zeghlami")
ENV_AR = ("وزارة البيئة", "Tunisian Environment Ministry")
JLA_AR = ("سنية الجلاصي", "Sonia Jlassi")
UNI_AR = ("نقابة عمال المصنع", "Gabes fertilizer workers' union")
HLT_AR = ("الإدارة الجهوية للصحة بقابس", "Gabes regional health directorate")
TRB_AR = ("رضا الطرابلسي", "Ridha Trabelsi")

GABES_DAILY_AR = [
    ("الإدارة أغلقت المصنع نهائيا وأبلغت العمال شفويا بأن الخطوط لن تعود إلى العمل", *HAM_AR, I, "قال", A, F, "gabes-plant-closed-for-good"),
    ("المصنع أُغلق، ومن يتحدث عن صيانة يريد فقط كسب الوقت", *HAM_AR, D, "أضاف", A, F, "gabes-plant-closed-for-good"),
    ("نحو 1400 عامل، بين قارّين ومتعاقدين، أُحيلوا على البطالة منذ توقف الإنتاج", *HAM_AR, I, "أوضح", A, F, "gabes-workers-1400"),
    ("يكون المصنع قد أُغلق", *BSL_AR, I, "نفى", N, F, "gabes-plant-closed-for-good"),
    ("التوقف ظرفي ويهدف إلى إجراء أعمال صيانة مؤجلة منذ سنوات على وحدة حامض الكبريتيك", *BSL_AR, I, "أكد", A, F, "gabes-halt-temporary"),
    ("لم نغلق المصنع ولن نغلقه", *BSL_AR, D, "قال", A, T, "gabes-plant-closed-for-good"),
    ("ما يجري اليوم صيانة ثقيلة كان يجب أن تتم منذ 2019", *BSL_AR, D, "أضاف", A, F, "gabes-halt-temporary"),
    ("لا يتجاوز عدد العمال المعنيين بالبطالة الفنية 600 عامل، أغلبهم من أعوان الإنتاج", *SFC_AR, I, "بحسب", A, F, "gabes-workers-600"),
    ("في النصف الأول من شهر مارس", *BSL_AR, P, "تعهد", A, F, "gabes-restart-march"),
    ("كيف ستعود الخطوط إلى العمل في مارس وقطع الغيار لم تُطلب أصلا؟", *HAM_AR, D, "تساءل", Q, F, "gabes-restart-march"),
    ("توقف المصنع جاء بعد تسرب لغاز الأمونيا من أحد الخزانات ليلة 3 فيفري", *GBC_AR, I, "أكدت", A, F, "gabes-ammonia-leak"),
    ("17 من سكان حي شط السلام نُقلوا تلك الليلة إلى المستشفى بسبب ضيق في التنفس", *ZEG_AR, I, "قالت", A, F, "gabes-hospitalised-17"),
    ("تسربا للأمونيا وقع في المصنع", *BSL_AR, I, "فنّد", N, F, "gabes-ammonia-leak"),
    ("أجهزة الرصد داخل الوحدات تعمل على مدار الساعة", *BSL_AR, I, "أكد", A, F, "gabes-monitors-run-24h"),
    ("تسربا قد وقع", *ENV_AR, I, "لم تؤكد", N, F, "gabes-ammonia-leak"),
    ("فرقها تتابع نوعية الهواء في المنطقة", *ENV_AR, I, "قالت", A, F, "gabes-ministry-monitoring-air"),
]

GABES_SITE_AR = [
    ("تكون الحكومة تعتزم بيع مصنع الأسمدة الفوسفاتية في قابس لمستثمر أجنبي", *JLA_AR, I, "نفت", N, F, "gabes-plan-to-sell"),
    ("لتفويت المصنع بالدينار الرمزي", *UNI_AR, P, "اتهمت", A, F, "gabes-plan-to-sell"),
    ("الدولة ستتخلى عن المصنع", *JLA_AR, I, "قالت … لا أساس له من الصحة", N, F, "gabes-plan-to-sell"),
    ("المصنع ملك للمجموعة الوطنية وسيبقى كذلك", *JLA_AR, D, "أضاف", A, F, "gabes-plant-stays-public"),
    ("مؤقت", *JLA_AR, P, "أكدت", A, F, "gabes-halt-temporary"),
    ("الوزارة تلقت من إدارة الشركة جدولا زمنيا لاستئناف العمل خلال شهر مارس", *JLA_AR, I, "أكدت", A, F, "gabes-restart-march"),
    ("الدولة ستتكفل بكلفة أشغال الصيانة", *JLA_AR, I, "أشار", A, F, "gabes-state-funds-repairs"),
    ("التوقف مجرد صيانة", *HAM_AR, I, "رفض", N, F, "gabes-halt-temporary"),
    ("أفرغت المخازن من المواد الأولية وسرّحت المتعاقدين", *HAM_AR, P, "أوضح", A, F, "gabes-stocks-emptied"),
    ("لا يحدث في مصنع سيعود إلى العمل بعد شهر", *HAM_AR, P, "اعتبر", A, T, "gabes-restart-march"),
    ("يتجاوز 1400 عامل بين قار ومتعاقد", *HAM_AR, P, "أضاف", A, F, "gabes-workers-1400"),
    ("يكون عدد المتضررين قد بلغ هذا الحد", *SFC_AR, I, "كذّبت", N, F, "gabes-workers-1400"),
    ("600 عامل فقط أُحيلوا على البطالة الفنية", *SFC_AR, I, "أكد", A, F, "gabes-workers-600"),
    ("يكون التوقف مرتبطا بأي حادث بيئي", *JLA_AR, I, "استبعدت", N, F, "gabes-ammonia-leak"),
    ("تسعة أشخاص فقط تلقوا إسعافات تلك الليلة وغادروا المستشفى في اليوم نفسه", *HLT_AR, I, "أفادت", A, F, "gabes-hospitalised-9"),
    ("تكون الدولة قادرة على تحمّل كلفة الصيانة في ظل أزمة المالية العمومية", *TRB_AR, I, "شكك", Q, F, "gabes-state-funds-repairs"),
    ("هذه الكلفة تُقدَّر بنحو 45 مليون دينار", *TRB_AR, I, "أشار", A, F, "gabes-repair-cost-45m"),
]

HAM = ("Mongi Hamdi", "Mongi Hamdi")
BSL = ("Hichem Ben Slimane", "Hichem Ben Slimane")
SFC = ("Southern Fertilizer Company", "Southern Fertilizer Company")
UNI = ("plant's workers' union", "Gabes fertilizer workers' union")
JLA = ("Sonia Jlassi", "Sonia Jlassi")
ACT = ("environmental activists", "environmental activists")
ENV = ("Environment Ministry", "Tunisian Environment Ministry")
FSH = ("fishermen", "Gabes fishermen")

GABES_WIRE_EN = [
    ("the site had been shut for good", *UNI, I, "said", A, F, "gabes-plant-closed-for-good"),
    ("the stoppage was temporary", *SFC, I, "insisted", A, F, "gabes-halt-temporary"),
    ("They have closed the plant and they are hiding it behind the word maintenance", *HAM, D, "said", A, F, "gabes-plant-closed-for-good"),
    ("about 1,400 permanent and contract workers had been sent home since the lines stopped", *HAM, I, "said", A, F, "gabes-workers-1400"),
    ("the plant had been closed", *BSL, I, "rejected", N, F, "gabes-plant-closed-for-good"),
    ("We have not closed the plant, and we are not going to close it", *BSL, D, "told", A, T, "gabes-plant-closed-for-good"),
    ("the number of workers on technical leave was 600", *BSL, I, "said", A, F, "gabes-workers-600"),
    ("all of them were receiving full pay", *BSL, I, "said", A, F, "gabes-wages-paid"),
    ("wages were being paid in full", *HAM, I, "cast doubt on", Q, F, "gabes-wages-paid"),
    ("Nobody here has received a full January salary", *HAM, D, "said", A, T, "gabes-wages-paid"),
    ("the stoppage is needed for long-delayed repairs to the sulfuric acid unit", *SFC, I, "says", A, F, "gabes-halt-temporary"),
    ("The work will cost about 30 million dinars ($9.6 million)", *BSL, I, "said", A, F, "gabes-repair-cost-30m"),
    ("in the first half of March", *BSL, P, "added", A, F, "gabes-restart-march"),
    ("the lines could restart by March at all", *HAM, I, "questioned", Q, F, "gabes-restart-march"),
    ("the government was preparing to sell the plant to a foreign investor", *JLA, I, "dismissed as baseless", N, F, "gabes-plan-to-sell"),
    ("the halt followed an ammonia leak on the night of Feb. 3", *ACT, I, "say", A, F, "gabes-ammonia-leak"),
    ("any leak had occurred", *BSL, I, "denied", N, F, "gabes-ammonia-leak"),
    ("the plant's monitors had recorded no breach of air-quality limits", *BSL, I, "said", A, T, "gabes-monitors-recorded-breach"),
    ("there had been a leak", *ENV, I, "did not confirm", N, F, "gabes-ammonia-leak"),
    ("catches have collapsed", *FSH, I, "say", A, F, "gabes-fish-catches-collapsed"),
]

# ============================================================================================
# Story 2: damascus-bread (Syria: lighter subsidised bread bundle at the same price)
# ============================================================================================
QAD_AR = ("سامر قدّور", "Samer Qaddour")
DAR_AR = ("ميساء درويش", "Maysaa Darwish")
SHA_AR = ("نزار الشامي", "Nizar al-Shami")
SBO_AR = ("مسؤول في المؤسسة السورية للمخابز", "Syrian Bakeries Establishment official")
HAL_AR = ("فراس حلبي", "Firas Halabi")

BREAD_DAILY_AR = [
    ("ضبط الهدر", *QAD_AR, P, "قال", A, F, "bread-curb-waste"),
    ("وزن الربطة الجديدة يبلغ 1000 غرام كاملة", *QAD_AR, I, "أكد", A, F, "bread-bundle-1000g"),
    ("لم نرفع سعر الخبز ليرة واحدة، ولن نرفعه", *QAD_AR, D, "أضاف", A, T, "bread-price-raised"),
    ("تكون الحكومة قد خفّضت الدعم المخصص للخبز", *QAD_AR, I, "نفى", N, F, "bread-subsidy-cut"),
    ("أكثر من أي وقت مضى", *QAD_AR, P, "أشار", A, F, "bread-state-spends-more-than-ever"),
    ("مخزون القمح يكفي حتى نهاية حزيران المقبل", *QAD_AR, I, "أكد", A, F, "bread-wheat-stocks-june"),
    ("لا يتجاوز وزنها 900 غرام", *DAR_AR, P, "قالت", A, F, "bread-bundle-900g"),
    ("وزنتُ بنفسي ربطات من ثلاثة أفران مختلفة، ولم تصل أي منها إلى الألف غرام", *DAR_AR, D, "أضاف", A, T, "bread-bundle-1000g"),
    ("كان مخزون القمح يكفي فعلا حتى حزيران", *DAR_AR, I, "تساءلت", Q, F, "bread-wheat-stocks-june"),
    ("حصص الطحين الموزعة على الأفران الخاصة خُفّضت بنسبة 15 في المئة منذ بداية الشهر", *SHA_AR, I, "قال", A, F, "bread-flour-quota-cut"),
    ("حصص الطحين خُفّضت", *SBO_AR, I, "رفض", N, F, "bread-flour-quota-cut"),
    ("لم تنقص كيلوغراما واحدا", *SBO_AR, P, "أكد", A, T, "bread-flour-quota-cut"),
    ("خفض الوزن مع تثبيت السعر يعني عمليا رفع سعر الكيلوغرام بنحو 10 في المئة", *HAL_AR, I, "يرى", A, F, "bread-price-raised"),
    ("تخفض الدعم بصمت", *HAL_AR, P, "اعتبر", A, F, "bread-subsidy-cut"),
]

QAD = ("Samer Qaddour", "Samer Qaddour")
DAR = ("Maysaa Darwish", "Maysaa Darwish")
SHA = ("Nizar al-Shami", "Nizar al-Shami")
HAL = ("Firas Halabi", "Firas Halabi")
CRI = ("critics", "critics")
SBE = ("Syrian Bakeries Establishment", "Syrian Bakeries Establishment")
RES = ("residents", "Damascus residents")
UMK = ("Umm Khaled", "Umm Khaled")
MIT = ("Ministry of Internal Trade", "Syrian Internal Trade Ministry")
SBO = ("official at the state bakeries establishment", "Syrian Bakeries Establishment official")

BREAD_WIRE_EN = [
    ("the move amounted to a disguised price increase", *CRI, I, "said", A, F, "bread-price-raised"),
    ("the new bundle weighs 1,000 grams, down from 1,100 grams", *QAD, I, "told", A, F, "bread-bundle-1000g"),
    ("We have not raised the price of bread by a single pound", *QAD, D, "said", A, T, "bread-price-raised"),
    ("the government was cutting the bread subsidy", *QAD, I, "denied", N, F, "bread-subsidy-cut"),
    ("wheat stocks would last until the end of June", *QAD, I, "said", A, F, "bread-wheat-stocks-june"),
    ("the new bundles weighed a full kilogram", *DAR, I, "disputed", N, F, "bread-bundle-1000g"),
    ("bundles she had weighed herself at three bakeries in the capital came to about 900 grams", *DAR, I, "said", A, F, "bread-bundle-900g"),
    ("None of them reached a kilo", *DAR, D, "said", A, T, "bread-bundle-1000g"),
    ("flour allocations to private bakeries had been cut by 15 percent since the start of the month", *SHA, I, "said", A, F, "bread-flour-quota-cut"),
    ("allocations had been reduced", *SBE, I, "rejected", N, F, "bread-flour-quota-cut"),
    ("keeping the price while cutting the weight meant a rise of roughly 10 percent in the price per kilo", *HAL, I, "said", A, F, "bread-price-raised"),
    ("wheat stocks would last until June", *HAL, I, "cast doubt on", Q, F, "bread-wheat-stocks-june"),
    ("two shipments of imported wheat had been delayed", *HAL, I, "noted", A, F, "bread-wheat-shipments-delayed"),
]

BREAD_WEEKLY_EN = [
    ("they are buying more often and taking home less", *RES, I, "say", A, F, "bread-residents-buy-more-often"),
    ("If you come after eleven, the bakery is shut", *UMK, D, "said", A, F, "bread-bakeries-shut-early"),
    ("We buy more often and we eat less", *UMK, D, "said", A, F, "bread-residents-buy-more-often"),
    ("the bundle now weighs a full kilogram, down from 1.1kg", *MIT, I, "insists", A, F, "bread-bundle-1000g"),
    ("curbing waste, not saving money", *QAD, P, "told", A, F, "bread-curb-waste"),
    ("nobody has touched the subsidy", *QAD, D, "told", A, T, "bread-subsidy-cut"),
    ("for the whole of this year", *QAD, P, "said", A, F, "bread-price-fixed-this-year"),
    ("I weighed them myself. Nine hundred grams, not a gram more", *DAR, D, "said", A, F, "bread-bundle-900g"),
    ("the subsidy had not been touched", *DAR, I, "said … was false", N, T, "bread-subsidy-cut"),
    ("their flour deliveries have been cut", *SHA, I, "says", A, F, "bread-flour-quota-cut"),
    ("deliveries had been reduced", *SBO, I, "dismissed", N, F, "bread-flour-quota-cut"),
    ("sold part of their quota on the black market", *SBO, P, "said", A, F, "bread-bakeries-sell-flour-black-market"),
    ("the price could be held at 400 pounds beyond the summer, given what Syria now pays for imported wheat", *HAL, I, "questioned", Q, F, "bread-price-fixed-this-year"),
    ("The bundle will keep shrinking before the price moves", *HAL, D, "said", A, F, "bread-bundle-will-shrink-further"),
]

# ============================================================================================
# Story 3: jaber-crossing (Jordan-Syria: Jaber-Nassib crossing reopens after 12 days)
# ============================================================================================
OBE_AR = ("زياد العبيدات", "Ziad Obeidat")
ALI_AR = ("مازن العلي", "Mazen al-Ali")
DAB_AR = ("نائل الدباس", "Nael al-Dabbas")
JSS_AR = ("مصدر أمني أردني", "Jordanian security source")
RAW_AR = ("عمر الرواشدة", "Omar Rawashdeh")
JOR_AR = ("الجانب الأردني", "Jordanian authorities")
MEQ_AR = ("سامي المقداد", "Sami al-Meqdad")
DRV_AR = ("سائقين سوريين", "Syrian truck drivers")

JABER_AMMAN_AR = [
    ("حركة الشحن عادت إلى طبيعتها في الاتجاهين منذ السادسة صباحا", *OBE_AR, I, "قال", A, F, "jaber-cargo-resumed"),
    ("سيُستأنف خلال أسبوع إذا استُكملت الترتيبات الفنية", *OBE_AR, P, "أكد", A, F, "jaber-passengers-within-week"),
    ("يكون الجانب الأردني قد سمح بدخول أي حافلة ركاب", *OBE_AR, I, "نفى", N, F, "jaber-passengers-resumed"),
    ("لم نسمح بعبور المسافرين حتى الآن", *OBE_AR, D, "قال", A, T, "jaber-passengers-resumed"),
    ("فُتح أمام حركة الشاحنات والمسافرين على حد سواء", *ALI_AR, P, "أعلن", A, F, "jaber-passengers-resumed"),
    ("400 شاحنة عبرت المنفذ في الاتجاهين خلال اليوم الأول", *ALI_AR, I, "قال", A, F, "jaber-trucks-400"),
    ("ما لا يزيد على 120 شاحنة عبرت حتى عصر الأحد", *DAB_AR, I, "أفاد", A, F, "jaber-trucks-120"),
    ("الجانب السوري بدأ يفرض رسما جديدا بقيمة 60 دولارا على كل شاحنة أردنية تحت مسمى بدل خدمات", *DAB_AR, I, "كشف", A, F, "jaber-syria-new-fee"),
    ("قرار الإغلاق اتُّخذ إثر اشتباك مسلح بين قوات حرس الحدود ومهربين حاولوا إدخال كميات من المخدرات قرب المعبر", *JSS_AR, I, "بحسب", A, F, "jaber-closure-smuggling-clash"),
    ("يكون الإغلاق مرتبطا بأي حادث أمني", *ALI_AR, I, "نفى", N, F, "jaber-closure-smuggling-clash"),
    ("التوقف جاء لتحديث أنظمة الجمارك الإلكترونية", *ALI_AR, I, "أكد", A, F, "jaber-closure-customs-upgrade"),
    ("يكون تحديث الأنظمة قد استدعى إغلاقا لمدة 12 يوما", *RAW_AR, I, "شكك", Q, F, "jaber-closure-customs-upgrade"),
    ("المعابر لا تُغلق أسبوعين من أجل برنامج حاسوبي", *RAW_AR, D, "أشار", A, T, "jaber-closure-customs-upgrade"),
]

JABER_DAMASCUS_AR = [
    ("المنفذ استأنف العمل أمام الشاحنات والمسافرين، بعد توقف دام 12 يوما", *ALI_AR, I, "أعلن", A, F, "jaber-passengers-resumed"),
    ("عبرت اليوم 400 شاحنة في الاتجاهين، والحركة تتزايد ساعة بعد ساعة", *ALI_AR, D, "قال", A, F, "jaber-trucks-400"),
    ("لم تفرض دولارا واحدا من الرسوم الجديدة", *ALI_AR, P, "أضاف", A, T, "jaber-syria-new-fee"),
    ("المنفذ فرض رسما بقيمة 60 دولارا على كل شاحنة", *ALI_AR, I, "وصف … بأنه عار عن الصحة", N, F, "jaber-syria-new-fee"),
    ("الإغلاق جاء إثر اشتباك مع مهربين على الحدود", *ALI_AR, I, "كذّب", N, F, "jaber-closure-smuggling-clash"),
    ("التوقف كان مبرمجا لتحديث أنظمة الجمارك الإلكترونية وربطها بالجانب الأردني", *ALI_AR, I, "قال", A, F, "jaber-closure-customs-upgrade"),
    ("حركة المسافرين قد استؤنفت", *JOR_AR, I, "لم يؤكد", N, F, "jaber-passengers-resumed"),
    ("خلال أسبوع", *OBE_AR, P, "قال", A, F, "jaber-passengers-within-week"),
    ("كان الجانب الأردني سيلتزم فعلا بفتح المعبر أمام المسافرين في الموعد المعلن", *MEQ_AR, I, "تساءل", Q, F, "jaber-passengers-within-week"),
    ("خسائر تجار المحافظة خلال أيام الإغلاق تجاوزت مليوني دولار، معظمها بسبب تلف شحنات الخضار والفواكه التي بقيت عالقة في الساحات", *MEQ_AR, I, "أشار", A, F, "jaber-traders-losses-2m"),
    ("الانتظار على الجانب الأردني تجاوز ست ساعات", *DRV_AR, I, "نقلت", A, F, "jaber-wait-six-hours"),
]

OBE = ("Ziad Obeidat", "Ziad Obeidat")
ALI = ("Mazen al-Ali", "Mazen al-Ali")
DAB = ("Nael al-Dabbas", "Nael al-Dabbas")
JSS = ("Jordanian security source", "Jordanian security source")
RAW = ("Omar Rawashdeh", "Omar Rawashdeh")
ARM = ("Jordan’s army", "Jordanian army")
TRJ = ("traders on both sides", "Jordanian and Syrian traders")

JABER_WIRE_EN = [
    ("open to trucks and travelers alike", *ALI, P, "quoted", A, F, "jaber-passengers-resumed"),
    ("any passenger bus had been allowed to cross", *OBE, I, "denied", N, F, "jaber-passengers-resumed"),
    ("We have not let travelers through yet", *OBE, D, "said", A, T, "jaber-passengers-resumed"),
    ("within a week", *OBE, P, "added", A, F, "jaber-passengers-within-week"),
    ("400 trucks had crossed in both directions on the first day", *ALI, I, "said", A, F, "jaber-trucks-400"),
    ("no more than 120 had crossed by Sunday afternoon", *DAB, I, "said", A, F, "jaber-trucks-120"),
    ("Syrian officials had begun charging a new $60 service fee on every Jordanian truck", *DAB, I, "said", A, F, "jaber-syria-new-fee"),
    ("a new fee had been imposed", *ALI, I, "refuted", N, F, "jaber-syria-new-fee"),
    ("We have not added a single dollar to the charges", *ALI, D, "said", A, T, "jaber-syria-new-fee"),
    ("the crossing had been closed after border guards exchanged fire with drug smugglers near the frontier", *JSS, I, "said", A, F, "jaber-closure-smuggling-clash"),
    ("the closure was linked to smuggling", *ALI, I, "rejected", N, F, "jaber-closure-smuggling-clash"),
    ("it had been planned to upgrade the electronic customs system", *ALI, I, "said", A, F, "jaber-closure-customs-upgrade"),
    ("a software upgrade could justify a closure of nearly two weeks", *RAW, I, "questioned", Q, F, "jaber-closure-customs-upgrade"),
    ("Crossings don’t close for two weeks over a computer program", *RAW, D, "said", A, T, "jaber-closure-customs-upgrade"),
    ("it had foiled 14 smuggling attempts along the Syrian border since January", *ARM, I, "said", A, F, "jaber-army-foiled-14"),
    ("sudden shutdowns leave perishable cargo rotting in customs yards", *TRJ, I, "complained", A, F, "jaber-shutdowns-spoil-cargo"),
]

# ============================================================================================
# Story 4: umm-qasr-strike (Iraq: dockworkers' strike at Umm Qasr port, Basra)
# ============================================================================================
SAA_AR = ("جبار الساعدي", "Jabbar al-Saadi")
RIK_AR = ("قاسم الركابي", "Qasim al-Rikabi")
TAM_AR = ("كريم التميمي", "Karim al-Tamimi")
MOT_AR = ("وزارة النقل", "Iraqi Transport Ministry")
MOU_AR = ("أحمد الموسوي", "Ahmed al-Moussawi")

UQ_BASRA_AR = [
    ("العمل متوقف بالكامل في أرصفة الميناء", *SAA_AR, I, "قال", A, F, "umm-qasr-port-paralysed"),
    ("34 سفينة راسية في المخطاف بانتظار التفريغ", *SAA_AR, I, "قال", A, F, "umm-qasr-ships-waiting-34"),
    ("العمال لم يتسلموا رواتبهم منذ ثلاثة أشهر، ولن نعود إلى الأرصفة قبل أن تُصرف كاملة", *SAA_AR, D, "أضاف", A, F, "umm-qasr-wages-delayed"),
    ("الشرطة اعتقلت خمسة من العمال المضربين فجر الثلاثاء، قبل أن تطلق سراحهم بعد ساعات", *SAA_AR, I, "أشار", A, F, "umm-qasr-strikers-arrested"),
    ("وزارة النقل تتفاوض منذ أشهر مع شركة أجنبية لتأجير خمسة أرصفة لمدة 25 عاما", *SAA_AR, I, "أكد", A, F, "umm-qasr-lease-berths-foreign"),
    ("تكون حركة الميناء قد توقفت", *RIK_AR, I, "نفى", N, F, "umm-qasr-port-paralysed"),
    ("بنسبة تقارب 70 في المئة من طاقتها", *RIK_AR, P, "قال", A, F, "umm-qasr-berths-70pct"),
    ("عدد السفن المنتظرة لا يتجاوز 12 سفينة، وهو رقم طبيعي في هذا الموسم", *RIK_AR, I, "أكد", A, F, "umm-qasr-ships-waiting-12"),
    ("لم نؤخر راتب أي موظف. ما تأخر هو المخصصات الإضافية، وهي مرتبطة بإطلاق التمويل من وزارة المالية", *RIK_AR, D, "قال", A, T, "umm-qasr-wages-delayed"),
    ("إذا كانت الأرصفة تعمل بسبعين في المئة، فلماذا تنتظر السفن في عرض البحر؟", *SAA_AR, D, "تساءل", Q, F, "umm-qasr-berths-70pct"),
    ("الشرطة اعتقلت عمالا مضربين", *TAM_AR, I, "رفض", N, F, "umm-qasr-strikers-arrested"),
    ("لم نعتقل أحدا. دورياتنا موجودة لحماية المنشأة فقط", *TAM_AR, D, "قال", A, T, "umm-qasr-strikers-arrested"),
    ("الحكومة تعتزم تأجير خمسة أرصفة لشركة أجنبية", *MOT_AR, I, "وصفت … بأنه لا أساس له من الصحة", N, F, "umm-qasr-lease-berths-foreign"),
    ("أي عقد تشغيل سيُعرض على مجلس الوزراء ولن يُوقَّع في الخفاء", *MOU_AR, D, "قال", A, F, "umm-qasr-contract-to-cabinet"),
]

SAA = ("Jabbar al-Saadi", "Jabbar al-Saadi")
RIK = ("Qasim al-Rikabi", "Qasim al-Rikabi")
TAM = ("Karim al-Tamimi", "Karim al-Tamimi")
MOU = ("Ahmed al-Moussawi", "Ahmed al-Moussawi")
UQU = ("Basra ports workers' union", "Basra port workers' union")
GCP = ("General Company for Ports of Iraq", "General Company for Ports of Iraq")
KAR = ("Hassan Karam", "Hassan Karam")
DKU = ("dockworkers’ union", "Basra port workers' union")
MOT = ("Iraq’s Transport Ministry", "Iraqi Transport Ministry")
FIN = ("Finance Ministry", "Iraqi Finance Ministry")
TRB = ("Traders in Basra", "Basra traders")

UQ_WIRE_EN = [
    ("cargo handling had come to a complete standstill", *UQU, I, "said", A, F, "umm-qasr-port-paralysed"),
    ("Not a single crane is moving", *SAA, D, "said", A, F, "umm-qasr-port-paralysed"),
    ("34 ships were waiting at anchor to unload", *SAA, I, "said", A, F, "umm-qasr-ships-waiting-34"),
    ("workers had not been paid for three months", *SAA, I, "said", A, F, "umm-qasr-wages-delayed"),
    ("the port had stopped working", *GCP, I, "disputed", N, F, "umm-qasr-port-paralysed"),
    ("only 12 ships were waiting", *RIK, I, "said", A, F, "umm-qasr-ships-waiting-12"),
    ("the berths were operating at about 70 percent of capacity with staff who had not joined the strike", *RIK, I, "said", A, F, "umm-qasr-berths-70pct"),
    ("salaries had been withheld", *RIK, I, "rejected", N, F, "umm-qasr-wages-delayed"),
    ("We have not delayed anyone's salary", *RIK, D, "said", A, T, "umm-qasr-wages-delayed"),
    ("What is late is the overtime allowances, and that depends on the Finance Ministry releasing the funds", *RIK, D, "said", A, F, "umm-qasr-allowances-late"),
    ("police had detained five strikers before dawn on Tuesday", *SAA, I, "said", A, F, "umm-qasr-strikers-arrested"),
    ("any worker had been arrested", *TAM, I, "denied", N, F, "umm-qasr-strikers-arrested"),
    ("the Transport Ministry plans to lease five berths to a foreign operator for 25 years", *UQU, I, "says", A, F, "umm-qasr-lease-berths-foreign"),
    ("the ministry had agreed to lease the berths", *MOU, I, "said there was no truth to", N, F, "umm-qasr-lease-berths-foreign"),
]

UQ_GULF_EN = [
    ("at least three vessels had already sailed on to Kuwait’s Shuwaikh port rather than wait", *KAR, I, "said", A, F, "umm-qasr-ships-diverted"),
    ("Owners are paying up to $25,000 a day to sit at anchor. Nobody will do that for long", *KAR, D, "said", A, F, "umm-qasr-demurrage-25000"),
    ("any ships had left", *RIK, I, "questioned", Q, F, "umm-qasr-ships-diverted"),
    ("I have no record of a single vessel leaving the anchorage", *RIK, D, "said", A, T, "umm-qasr-ships-diverted"),
    ("34 ships are waiting off the port", *DKU, I, "says", A, F, "umm-qasr-ships-waiting-34"),
    ("only 12 are at anchor, a normal level for the time of year", *RIK, I, "said", A, F, "umm-qasr-ships-waiting-12"),
    ("until the last dinar is paid", *SAA, P, "said", A, F, "umm-qasr-strike-until-paid"),
    ("the berths were working at 70 percent of capacity", *SAA, I, "dismissed as fantasy", N, F, "umm-qasr-berths-70pct"),
    ("If the berths are working, why are thirty-four ships waiting at sea?", *SAA, D, "asked", Q, F, "umm-qasr-berths-70pct"),
    ("five strikers were detained by police on Tuesday", *DKU, I, "says", A, F, "umm-qasr-strikers-arrested"),
    ("We have arrested no one. Our patrols are there to protect the facility", *TAM, D, "said", A, T, "umm-qasr-strikers-arrested"),
    ("it plans to lease five berths to a foreign operator", *MOT, I, "called … false", N, F, "umm-qasr-lease-berths-foreign"),
    ("port salaries had been held up", *FIN, I, "did not confirm", N, F, "umm-qasr-wages-delayed"),
    ("will be released this month", *FIN, P, "said", A, F, "umm-qasr-allowances-released-this-month"),
    ("prices of imported rice and cooking oil have risen by up to 15 percent since the strike began", *TRB, I, "say", A, F, "umm-qasr-prices-up-15pct"),
]

TEXT_FILES = {
    "gabes-plant-daily-ar.txt": GABES_DAILY_AR,
    "gabes-plant-site-ar.txt": GABES_SITE_AR,
    "gabes-plant-wire-en.txt": GABES_WIRE_EN,
    "damascus-bread-daily-ar.txt": BREAD_DAILY_AR,
    "damascus-bread-wire-en.txt": BREAD_WIRE_EN,
    "damascus-bread-weekly-en.txt": BREAD_WEEKLY_EN,
    "jaber-crossing-amman-ar.txt": JABER_AMMAN_AR,
    "jaber-crossing-damascus-ar.txt": JABER_DAMASCUS_AR,
    "jaber-crossing-wire-en.txt": JABER_WIRE_EN,
    "umm-qasr-strike-basra-ar.txt": UQ_BASRA_AR,
    "umm-qasr-strike-wire-en.txt": UQ_WIRE_EN,
    "umm-qasr-strike-gulf-en.txt": UQ_GULF_EN,
}

# ============================================================================================
# Claims: (id, story, gloss_en, [contradicted claim ids])
# ============================================================================================
G, B, J, U = "gabes-plant", "damascus-bread", "jaber-crossing", "umm-qasr-strike"
CLAIMS = [
    ("gabes-plant-closed-for-good", G, "The Southern Fertilizer Company plant in Gabes has been closed for good.", ["gabes-halt-temporary"]),
    ("gabes-halt-temporary", G, "The production halt at the Gabes plant is temporary, for overdue maintenance work.", ["gabes-plant-closed-for-good"]),
    ("gabes-workers-1400", G, "About 1,400 permanent and contract workers (or more) were sent home when the Gabes plant stopped.", ["gabes-workers-600"]),
    ("gabes-workers-600", G, "Only 600 workers at the Gabes plant were put on technical leave.", ["gabes-workers-1400"]),
    ("gabes-restart-march", G, "Production at the Gabes plant will restart in (the first half of) March.", []),
    ("gabes-ammonia-leak", G, "An ammonia leak occurred at the Gabes plant on the night of 3 February and led to the halt.", []),
    ("gabes-hospitalised-17", G, "Seventeen residents of Chott Essalam were taken to hospital with breathing problems on the night of the reported leak.", ["gabes-hospitalised-9"]),
    ("gabes-hospitalised-9", G, "Only nine people were treated on the night of the reported leak, all discharged the same day.", ["gabes-hospitalised-17"]),
    ("gabes-monitors-run-24h", G, "The monitoring devices inside the Gabes plant's units run around the clock.", []),
    ("gabes-ministry-monitoring-air", G, "Tunisian Environment Ministry teams are monitoring air quality around the Gabes plant.", []),
    ("gabes-plan-to-sell", G, "The Tunisian government intends to sell or hand over the Gabes plant to a foreign investor.", ["gabes-plant-stays-public"]),
    ("gabes-plant-stays-public", G, "The Gabes plant belongs to the nation and will remain state property.", ["gabes-plan-to-sell"]),
    ("gabes-state-funds-repairs", G, "The Tunisian state will (be able to) pay for the maintenance work at the Gabes plant.", []),
    ("gabes-stocks-emptied", G, "Management has emptied the Gabes plant's warehouses of raw materials and dismissed contract workers.", []),
    ("gabes-repair-cost-45m", G, "The maintenance work at the Gabes plant will cost about 45 million dinars.", ["gabes-repair-cost-30m"]),
    ("gabes-repair-cost-30m", G, "The maintenance work at the Gabes plant will cost about 30 million dinars.", ["gabes-repair-cost-45m"]),
    ("gabes-wages-paid", G, "The Gabes plant workers on technical leave are receiving their full pay.", []),
    ("gabes-monitors-recorded-breach", G, "The Gabes plant's monitors recorded a breach of air-quality limits.", []),
    ("gabes-fish-catches-collapsed", G, "Fish catches in the Gulf of Gabes have collapsed.", []),

    ("bread-bundle-1000g", B, "The new subsidised bread bundle in Syria weighs a full 1,000 grams (down from 1,100).", ["bread-bundle-900g"]),
    ("bread-bundle-900g", B, "Subsidised bread bundles sold in Damascus weigh only about 900 grams.", ["bread-bundle-1000g"]),
    ("bread-price-raised", B, "The price of subsidised bread in Syria has been raised (in effect, per kilo).", []),
    ("bread-subsidy-cut", B, "The Syrian government has cut the bread subsidy.", ["bread-state-spends-more-than-ever"]),
    ("bread-state-spends-more-than-ever", B, "The Syrian state spends more on bread than ever before.", ["bread-subsidy-cut"]),
    ("bread-wheat-stocks-june", B, "Syria's wheat stocks will last until (the end of) June.", []),
    ("bread-wheat-shipments-delayed", B, "Two shipments of imported wheat to Syria have been delayed.", []),
    ("bread-flour-quota-cut", B, "Flour allocations to private bakeries in Damascus have been cut (by 15 percent).", []),
    ("bread-curb-waste", B, "The cut in the bread bundle's weight is meant to curb waste.", []),
    ("bread-residents-buy-more-often", B, "Damascus residents buy bread more often and take home (and eat) less.", []),
    ("bread-bakeries-shut-early", B, "State bakeries in Damascus are shut by late morning.", []),
    ("bread-price-fixed-this-year", B, "The price of the bread bundle will stay at 400 pounds for the whole year.", []),
    ("bread-bakeries-sell-flour-black-market", B, "Bakeries that close early have sold part of their flour quota on the black market.", []),
    ("bread-bundle-will-shrink-further", B, "The bread bundle will keep shrinking before its price is raised.", []),

    ("jaber-cargo-resumed", J, "Cargo traffic through the Jaber crossing resumed normally in both directions on Sunday.", []),
    ("jaber-passengers-resumed", J, "The Jaber-Nassib crossing has reopened to passengers as well as trucks.", ["jaber-passengers-within-week"]),
    ("jaber-passengers-within-week", J, "Passenger traffic through Jaber has not resumed yet and will resume within a week.", ["jaber-passengers-resumed"]),
    ("jaber-trucks-400", J, "400 trucks crossed Jaber-Nassib in both directions on the first day of the reopening.", ["jaber-trucks-120"]),
    ("jaber-trucks-120", J, "No more than 120 trucks crossed Jaber-Nassib on the first day of the reopening.", ["jaber-trucks-400"]),
    ("jaber-syria-new-fee", J, "The Syrian side has imposed a new $60 fee on every Jordanian truck at Nassib.", []),
    ("jaber-closure-smuggling-clash", J, "The crossing was closed after an armed clash between Jordanian border guards and drug smugglers.", []),
    ("jaber-closure-customs-upgrade", J, "The 12-day closure was a planned stoppage to upgrade the electronic customs systems.", []),
    ("jaber-traders-losses-2m", J, "Daraa traders lost more than $2 million during the closure.", []),
    ("jaber-wait-six-hours", J, "Waiting times on the Jordanian side exceeded six hours.", []),
    ("jaber-army-foiled-14", J, "Jordan's army has foiled 14 smuggling attempts on the Syrian border since January.", []),
    ("jaber-shutdowns-spoil-cargo", J, "Sudden shutdowns of the crossing leave perishable cargo rotting in customs yards.", []),

    ("umm-qasr-port-paralysed", U, "Work at Umm Qasr port has come to a complete standstill because of the strike.", ["umm-qasr-berths-70pct"]),
    ("umm-qasr-berths-70pct", U, "Umm Qasr's berths are operating at about 70 percent of capacity despite the strike.", ["umm-qasr-port-paralysed"]),
    ("umm-qasr-ships-waiting-34", U, "34 ships are waiting at anchor off Umm Qasr to unload.", ["umm-qasr-ships-waiting-12"]),
    ("umm-qasr-ships-waiting-12", U, "Only 12 ships are waiting off Umm Qasr, a normal number for the season.", ["umm-qasr-ships-waiting-34"]),
    ("umm-qasr-wages-delayed", U, "Umm Qasr port workers' salaries have gone unpaid for (three) months.", []),
    ("umm-qasr-allowances-late", U, "What is late at Umm Qasr is the overtime allowances, pending Finance Ministry funds.", []),
    ("umm-qasr-allowances-released-this-month", U, "Funds for Umm Qasr port allowances will be released this month.", []),
    ("umm-qasr-strikers-arrested", U, "Basra police detained (five) striking port workers on Tuesday.", []),
    ("umm-qasr-lease-berths-foreign", U, "The Iraqi Transport Ministry plans (has agreed) to lease five Umm Qasr berths to a foreign operator.", []),
    ("umm-qasr-contract-to-cabinet", U, "Any Umm Qasr operating contract will be put to the cabinet and not signed in secret.", []),
    ("umm-qasr-ships-diverted", U, "At least three ships have left the Umm Qasr anchorage for Kuwait's Shuwaikh port.", []),
    ("umm-qasr-demurrage-25000", U, "Shipowners are paying up to $25,000 a day to wait at anchor off Umm Qasr.", []),
    ("umm-qasr-strike-until-paid", U, "The Umm Qasr strike will go on until all wages are paid.", []),
    ("umm-qasr-prices-up-15pct", U, "Prices of imported rice and cooking oil in Basra have risen by up to 15 percent since the strike began.", []),
]

# ============================================================================================
# Queries a fact-checker would type: (query, lang, claim). Paraphrased or translated, never
# copied from an article; each targets a claim with at least two statements.
# ============================================================================================
QUERIES = [
    ("Has the Gabes fertilizer plant been shut down permanently?", "en", "gabes-plant-closed-for-good"),
    ("هل أغلقت شركة الجنوب للأسمدة مصنعها في قابس بصفة دائمة", "ar", "gabes-plant-closed-for-good"),
    ("Gabes plant stoppage only maintenance, not closure", "en", "gabes-halt-temporary"),
    ("how many Gabes plant employees lost work, union figure 1,400", "en", "gabes-workers-1400"),
    ("Southern Fertilizer Company says 600 staff on technical unemployment", "en", "gabes-workers-600"),
    ("عمال مصنع قابس 600 أم 1400", "ar", "gabes-workers-600"),
    ("date production resumes at Tunisian fertilizer plant Gabes", "en", "gabes-restart-march"),
    ("ammonia gas leak Ghannouch fertilizer factory February", "en", "gabes-ammonia-leak"),
    ("هل حدث تسرب أمونيا في مصنع قابس", "ar", "gabes-ammonia-leak"),
    ("Tunisia plans to privatise Gabes phosphate plant foreign buyer", "en", "gabes-plan-to-sell"),
    ("will the Tunisian state pay for the Gabes repairs", "en", "gabes-state-funds-repairs"),
    ("هل يتقاضى عمال مصنع قابس المتوقف أجورهم كاملة", "ar", "gabes-wages-paid"),

    ("official weight of Syria's new subsidised bread bundle", "en", "bread-bundle-1000g"),
    ("وزن ربطة الخبز المدعوم بعد القرار الجديد كيلوغرام", "ar", "bread-bundle-1000g"),
    ("Syrian MP weighed bread bundles 900 g", "en", "bread-bundle-900g"),
    ("ربطة الخبز في دمشق تسعمئة غرام", "ar", "bread-bundle-900g"),
    ("has Syria increased the price of subsidized bread", "en", "bread-price-raised"),
    ("زيادة مقنّعة في سعر الخبز السوري", "ar", "bread-price-raised"),
    ("Damascus government reduced bread subsidies", "en", "bread-subsidy-cut"),
    ("هل قلّصت الحكومة السورية دعم الرغيف", "ar", "bread-subsidy-cut"),
    ("Syria wheat reserves sufficient until end of June", "en", "bread-wheat-stocks-june"),
    ("private bakeries Damascus flour supply cut 15 percent", "en", "bread-flour-quota-cut"),
    ("why did Syria make the bread bundle lighter: waste", "en", "bread-curb-waste"),
    ("سعر ربطة الخبز ثابت طوال العام 400 ليرة", "ar", "bread-price-fixed-this-year"),

    ("is Jaber-Nassib border open for travellers", "en", "jaber-passengers-resumed"),
    ("عبور المسافرين عبر معبر نصيب جابر", "ar", "jaber-passengers-resumed"),
    ("when will Jordan let passengers cross at Jaber", "en", "jaber-passengers-within-week"),
    ("Nassib crossing 400 lorries first day", "en", "jaber-trucks-400"),
    ("Jordanian truckers say only 120 trucks crossed Jaber", "en", "jaber-trucks-120"),
    ("$60 charge on Jordanian lorries at Syrian border post", "en", "jaber-syria-new-fee"),
    ("رسم 60 دولارا على الشاحنات الأردنية", "ar", "jaber-syria-new-fee"),
    ("Jaber crossing shut after shootout with drug smugglers", "en", "jaber-closure-smuggling-clash"),
    ("إغلاق معبر جابر بسبب اشتباك مع مهربي المخدرات", "ar", "jaber-closure-smuggling-clash"),
    ("Nassib closed for customs software upgrade", "en", "jaber-closure-customs-upgrade"),

    ("is Umm Qasr port completely paralysed by strike", "en", "umm-qasr-port-paralysed"),
    ("هل توقفت أرصفة ميناء أم قصر عن العمل كليا", "ar", "umm-qasr-port-paralysed"),
    ("how many vessels at anchor off Umm Qasr union 34", "en", "umm-qasr-ships-waiting-34"),
    ("ports company says twelve ships waiting Umm Qasr", "en", "umm-qasr-ships-waiting-12"),
    ("Umm Qasr dockers not paid for three months", "en", "umm-qasr-wages-delayed"),
    ("هل تأخرت رواتب عمال ميناء أم قصر", "ar", "umm-qasr-wages-delayed"),
    ("Basra police detained striking dockworkers", "en", "umm-qasr-strikers-arrested"),
    ("اعتقال خمسة عمال مضربين في ميناء أم قصر", "ar", "umm-qasr-strikers-arrested"),
    ("Iraq to lease Umm Qasr berths to foreign firm for 25 years", "en", "umm-qasr-lease-berths-foreign"),
    ("Umm Qasr berths running at 70% capacity", "en", "umm-qasr-berths-70pct"),
    ("سفن غادرت أم قصر إلى ميناء الشويخ الكويتي", "ar", "umm-qasr-ships-diverted"),
]


def build_rows(article, specs, where):
    rows = []
    for s in specs:
        text, speaker, speaker_en, kind, cue, polarity, negated, claim = s[:8]
        loc_spec = (text, speaker, speaker_en, kind, cue) + tuple(s[8:9])
        r = goldtools.locate(article, loc_spec, where)
        r.update(polarity=polarity, negated=negated, claim=claim)
        rows.append(r)
    return sorted(rows, key=lambda r: r["start"])


def write_jsonl(path, objs):
    with open(path, "w", encoding="utf-8") as f:
        for o in objs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")


def main():
    total = 0
    for name, specs in TEXT_FILES.items():
        article = open(os.path.join(HERE, name), encoding="utf-8").read()
        rows = build_rows(article, specs, name)
        goldtools.write_gold(os.path.join(HERE, goldtools.gold_name(name)), rows)
        total += len(rows)
        print(f"{goldtools.gold_name(name)}: {len(rows)}")
    print("total gold statements:", total)
    write_jsonl(os.path.join(HERE, "claims.labels.jsonl"),
                [{"claim": c, "story": s, "gloss_en": g, "contradicts": x} for c, s, g, x in CLAIMS])
    write_jsonl(os.path.join(HERE, "queries.labels.jsonl"),
                [{"query": q, "lang": l, "claim": c} for q, l, c in QUERIES])
    print(f"claims.labels.jsonl: {len(CLAIMS)}  queries.labels.jsonl: {len(QUERIES)}")


if __name__ == "__main__":
    main()
