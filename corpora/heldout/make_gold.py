"""Build the *.gold.jsonl files of the held-out set (corpora/heldout/).

Each gold entry is written here by hand as (text, speaker, speaker_en, kind, cue[, occurrence]).
Offsets are never typed: this script finds `text` in the article with str.find and refuses to
run if a span is missing, or occurs more than once and no occurrence index is given.
Conventions are those of corpora/README.md (see also corpora/heldout/README.md).

Run:  python3 corpora/heldout/make_gold.py   (then python3 corpora/heldout/check_gold.py)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import goldtools  # noqa: E402

D, P, I = "direct", "partial", "indirect"

# --- Arabic --------------------------------------------------------------------------------
ZER = ("كمال زروقي", "Kamel Zerrouki")
SOL = ("ماريا سولير", "María Soler")
ESP_SRC = ("مصدر في وزارة الانتقال البيئي الإسبانية", "Spanish ecological transition ministry source")
IBG = ("إيبيرغاز", "Ibergas")
BEN = ("رشيد بن عيسى", "Rachid Benaissa")
HAM = ("نورة حمّادي", "Noura Hammadi")
ALGERIA_AR = [
    ("بلاده لن تتراجع عن مطلبها برفع سعر الغاز الطبيعي المصدَّر إلى إسبانيا", *ZER, I, "أكد"),
    ("الأسعار الحالية وُقّعت في ظروف سوق لم تعد قائمة. من حقنا أن نطالب بسعر يعكس الواقع", *ZER, D, "قال"),
    ("العقد الساري منذ عام 2018 يتضمن بندا يسمح لأي من الطرفين بطلب مراجعة السعر كل ثلاث سنوات", *ZER, I, "أوضح"),
    ("الجانب الجزائري طالب بزيادة تقارب 20 في المئة", *ZER, I, "أشار"),
    ("لم تخلّ يوما بالتزاماتها التعاقدية", *ZER, P, "نوّه"),
    ("ارتفعت عائدات صادرات المحروقات بنسبة 35 في المئة خلال النصف الأول من العام", "الجمارك الجزائرية", "Algerian customs", I, "وفقا لـ"),
    ("الشركة لا تستطيع قبول زيادة تتجاوز 8 في المئة", *SOL, I, "قالت"),
    ("مستعدة لمراجعة معقولة، لا لفرض أمر واقع", *SOL, P, "أضافت"),
    ("نحن لا نرفض التفاوض، لكن الأرقام التي تطرحها الجزائر منفصلة عن أسعار السوق الأوروبية", *SOL, D, "تابعت"),
    ("تتابع الملف عن كثب", *ESP_SRC, P, "نقلت"),
    ("الحكومة الإسبانية لا ترغب في أن يتحول الخلاف التجاري إلى أزمة دبلوماسية", *ESP_SRC, I, "نقلت"),
    ("إدارتها قد تلجأ إلى التحكيم الدولي في باريس إذا لم يُتوصل إلى اتفاق قبل نهاية السنة", *IBG, I, "أعلنت"),
    ("تلجأ الشركة إلى خفض الكميات المصدّرة خلال فصل الشتاء", *BEN, I, "استبعد"),
    ("لم تحقق أي تقدم يُذكر", *BEN, P, "أقرّ"),
    ("أرباحا استثنائية", *BEN, P, "زعم"),
    ("لم تتجاوز المعدلات المعتادة في القطاع", *IBG, P, "ذكرت"),
    ("محكومان بالاتفاق في النهاية", *HAM, P, "ترى"),
    ("إسبانيا لا تملك بديلا سريعا عن الغاز الجزائري، فيما لا تملك الجزائر سوقا أقرب من أوروبا لغازها المنقول عبر الأنابيب", *HAM, I, "أوضحت"),
    ("ما يجري اليوم شدّ حبل قبل الشتاء، وكل طرف يعرف حدود الآخر", *HAM, D, "تقول"),
]

OTB = ("خالد العتيبي", "Khaled al-Otaibi")
MUT = ("فيصل المطيري", "Faisal al-Mutairi")
RAS = ("حصة الرشيد", "Hessa al-Rashed")
KSRC = ("مصدر حكومي", "Kuwaiti government source")
FAR = ("بدر الفارس", "Bader al-Fares")
KUWAIT_AR = [
    ("ضرورة لا ترف", *OTB, P, "قال"),
    ("الحكومة لن تستخدم الأموال المقترضة لتمويل الرواتب أو الدعوم", *OTB, I, "أكد"),
    ("الاحتياطي العام يكاد ينفد، ولا يمكن أن ندير دولة بحساب جارٍ فارغ. البديل عن الاقتراض هو السحب من صندوق الأجيال القادمة، وهذا ما لا نقبله", *OTB, D, "أضاف"),
    ("سجّلت الموازنة العامة عجزا قدره ٣٫١ مليار دينار في السنة المالية الماضية", "وزارة المالية", "Kuwaiti Finance Ministry", I, "بحسب"),
    ("تحمّل الأجيال المقبلة فاتورة سوء الإدارة", *MUT, P, "اتهم"),
    ("ليست في نقص المال بل في الهدر", *MUT, P, "اعتبر"),
    ("غيّروا مواقفهم في اللحظات الأخيرة تحت الضغط", *MUT, P, "تابع"),
    ("٣١ نائبا كانوا قد تعهدوا علنا برفض القانون قبل الجلسة", *MUT, I, "ادّعى"),
    ("كل نائب صوّت وفق قناعته", *RAS, D, "قال"),
    ("اللجنة أدخلت تعديلات تحصر الاقتراض في المشاريع التنموية وتُلزم الحكومة بتقديم تقرير نصف سنوي إلى المجلس", *RAS, I, "أوضحت"),
    ("أول إصدار للسندات بموجب القانون لن تتجاوز قيمته ٣ مليارات دينار", "الحكومة الكويتية", "Kuwaiti government", I, "ذكرت"),
    ("مرسوم إصدار القانون سيُنشر في الجريدة الرسمية خلال أيام", *KSRC, I, "نقلت"),
    ("وزارة المالية بدأت اتصالات مع مصارف دولية لترتيب الإصدار", *KSRC, I, "نقلت"),
    ("يؤدي القانون وحده إلى تحسين التصنيف الائتماني للكويت", *FAR, I, "استبعد"),
    ("لا يغني عن إصلاح هيكلي في جانب الإيرادات", *FAR, P, "لفت"),
    ("غياب التمويل", "غلوبال ريتنغز", "Global Ratings", P, "أشار"),
    ("القانون يشتري الوقت، لكنه لا يحل المشكلة. الاختبار الحقيقي سيكون في طريقة إنفاق هذه الأموال", *FAR, D, "قال"),
]

TAH = ("إيمان الطاهري", "Iman al-Taheri")
SHU = ("هادي الشعيبي", "Hadi al-Shuaibi")
QAH = ("يحيى القحوم", "Yahya al-Qahoum")
UNE = ("مكتب المبعوث الخاص للأمين العام للأمم المتحدة إلى اليمن", "Office of the UN Special Envoy for Yemen")
ORQ = ("سلمى العريقي", "Salma al-Oraiqi")
YEMEN_AR = [
    ("طائرات اللجنة نقلت خلال اليوم الأول 318 محتجزا بين مطارات صنعاء وعدن ومأرب، على أن تُستكمل العملية غدا السبت", *TAH, I, "قالت"),
    ("هذه لحظة إنسانية طال انتظارها لمئات العائلات", *TAH, D, "أضافت"),
    ("ليست طرفا في تحديد الأسماء أو الأعداد", *TAH, P, "تابعت"),
    ("دورها يقتصر على التحقق من هوية المحتجزين ونقلهم", *TAH, I, "تابعت"),
    ("الاتفاق يشمل 887 محتجزا، بينهم 706 من عناصر الجماعة و181 من القوات الحكومية وقوات التحالف", *SHU, I, "أكد"),
    ("التزمنا بكل ما وقّعنا عليه، والكرة الآن في ملعب الطرف الآخر", *SHU, D, "قال"),
    ("يتجاوز 900 أسير", *QAH, P, "أصرّ"),
    ("التلاعب بالقوائم في اللحظة الأخيرة", *QAH, P, "اتهم"),
    ("الطرف الآخر أسقط من القائمة أسماء 23 أسيرا كان متفقا عليها. هذا خرق واضح لا يمكن السكوت عنه", *QAH, D, "نقلت"),
    ("تكون الحكومة قد حذفت أي اسم من القوائم", *SHU, I, "نفى"),
    ("لم تكن أصلا ضمن ما اتُّفق عليه", *SHU, P, "قال"),
    ("طائرة تابعة للصليب الأحمر ستنقل 15 أسيرا سعوديا إلى مطار أبها السبت", "مسؤول سعودي", "Saudi official", I, "قال"),
    ("المرحلة الثانية من الصفقة ستشمل نحو 1400 أسير وستُبحث في جولة مفاوضات جديدة الشهر المقبل", "مصادر في الوفد الحكومي", "Yemeni government delegation sources", I, "أفادت"),
    ("خطوة مهمة على طريق بناء الثقة", *UNE, P, "ذكر"),
    ("البناء عليها للإفراج عن جميع المحتجزين", *UNE, P, "دعا"),
    ("لا يزال أكثر من 3 آلاف شخص محتجزين لدى مختلف الأطراف، بينهم صحافيون وناشطون", "رابطة أسر المحتجزين", "Association of Detainees' Families", I, "بحسب"),
    ("أعادت الأمل إلى بيوت كثيرة", *ORQ, P, "أقرّت"),
    ("مصير مئات المخفيين قسرا لا يزال مجهولا", *ORQ, I, "أشارت"),
]

# --- English -------------------------------------------------------------------------------
INS = ("London marine insurers", "London marine insurers")
VASS = ("Henrik Vass", "Henrik Vass")
DAHL = ("Ingrid Dahl", "Ingrid Dahl")
HEG = ("Karim Hegazy", "Karim Hegazy")
RAMAN = ("Priya Raman", "Priya Raman")
RED_SEA_EN = [
    ("Red Sea war-risk premiums more than double", *INS, I, "say"),
    ("The cost of insuring ships sailing through the Red Sea has more than doubled in a month", *INS, I, "said"),
    ("War-risk premiums for a seven-day transit now stand at about 0.5% of a vessel's hull value, up from 0.2% in early June", *VASS, I, "said"),
    ("For a $100 million tanker, that's half a million dollars for a single voyage", *VASS, D, "said"),
    ("Some owners simply won't pay it", *VASS, D, "said"),
    ("overshot", *VASS, P, "acknowledged"),
    ("premiums would stay elevated well into next year", *VASS, I, "predicted"),
    ("her company had been quoted as much as 0.7% for one of its tankers last week", *DAHL, I, "told"),
    ("pricing in panic, not risk", *DAHL, P, "accused"),
    ("Nordhavn had rerouted four of its vessels around the Cape of Good Hope", *DAHL, I, "said"),
    ("We're paying more for insurance than for fuel on some voyages. That is not sustainable", *DAHL, D, "said"),
    ("traffic through the canal had fallen by less than 10%", *HEG, I, "maintained"),
    ("waiting, not leaving", *HEG, P, "maintained"),
    ("container-ship transits through the canal fell 31% in the four weeks to Sunday compared with a year earlier", "Meridian Freight Analytics", "Meridian Freight Analytics", I, "according to"),
    ("The canal's numbers include a lot of small vessels that were never going to divert", *RAMAN, D, "said"),
    ("The big container lines have largely gone", *RAMAN, D, "said"),
    ('so-called "dark" transits, in which ships switch off their tracking transponders, had also become more common, making official counts less reliable', *RAMAN, I, "noted"),
    ("at least two insurers had stopped offering war cover altogether for vessels with U.S. or British owners", "Gulf-based shipping executive", "Gulf-based shipping executive", I, "said"),
    ("the Marine War Risks Panel, which advises the London market, would add the whole of the southern Red Sea to its list of high-risk areas on Friday", "two underwriters", "unnamed underwriters", I, "reported"),
    ("the decision did not rest with insurers", *VASS, I, "stressed"),
    ("That depends on what happens at sea, not in London", *VASS, D, "said"),
]

RAW = ("Khalid al-Rawahi", "Khalid al-Rawahi")
KAR = ("Mehdi Karimzadeh", "Mehdi Karimzadeh")
THA = ("Thalassa Maritime", "Thalassa Maritime")
PET = ("Nikos Petridis", "Nikos Petridis")
DIP = ("diplomat in Muscat familiar with the talks", "Muscat-based diplomat")
GRF = ("Greek foreign ministry", "Greek Foreign Ministry")
DIZ = ("Rosario Dizon", "Rosario Dizon")
OMAN_EN = [
    ("Iran has freed 15 of the 19 crew members of a Greek-managed oil tanker it seized in the Gulf of Oman in April, after weeks of quiet mediation by Oman", "officials in Muscat and Athens", "Omani and Greek officials", I, "said"),
    ("The sailors, most of them from the Philippines, were flown from Bandar Abbas to Muscat on an Omani government aircraft late on Monday", "Omani foreign ministry", "Omani Foreign Ministry", I, "according to"),
    ("This was a humanitarian file first and last", *RAW, D, "told"),
    ("We spoke to both sides every day, sometimes several times a day", *RAW, D, "told"),
    ("as a messenger, not a judge", *RAW, P, "stressed"),
    ("Iran had released every sailor with no case to answer", *KAR, I, "said"),
    ("face charges before a competent Iranian court", *KAR, P, "said"),
    ("a clear violation of maritime law", *KAR, P, "insisted"),
    ("the release was a goodwill gesture towards Oman", "Iranian state television", "Iranian state television", I, "said"),
    ("boarded in international waters without warning", *THA, P, "said"),
    ("any collision had taken place", *THA, I, "denied"),
    ("Four of our seafarers are still in Bandar Abbas. Until they are home, nobody should be talking about a deal", *PET, D, "said"),
    ("Omani officials had kept the company informed throughout", *PET, I, "conceded"),
    ("the remaining four were expected to be freed once a court hearing in Bandar Abbas had taken place", *DIP, I, "said"),
    ("Within weeks, not months, if nobody makes noise", *DIP, D, "added"),
    ("grateful to the Sultanate of Oman", *GRF, P, "said"),
    ("Greek diplomats would keep pressing for the release of the remaining crew", *GRF, I, "added"),
    ("treated as bargaining chips", *DIZ, P, "argued"),
    ("at least 11 Filipino sailors remain on ships detained in the Gulf region", *DIZ, I, "noted"),
]

HAD = ("Omar Haddadin", "Omar Haddadin")
NUS = ("Rami Nusairat", "Rami Nusairat")
KHA = ("Mohammad Khawaldeh", "Mohammad Khawaldeh")
DRV = ("striking drivers", "striking Jordanian truck drivers")
ZUB = ("Dana Zu’bi", "Dana Zu'bi")
JORDAN_EN = [
    ("it had no plans to reverse the increase", "Jordanian government", "Jordanian government", I, "said"),
    ("the state could no longer afford to subsidize diesel at current world prices", *HAD, I, "told"),
    ("We are spending money we do not have", *HAD, D, "said"),
    ("Every dinar we put into fuel is a dinar taken from schools and hospitals", *HAD, D, "said"),
    ("difficult", *HAD, P, "conceded"),
    ("within days", *HAD, P, "said"),
    ("80% of the country’s roughly 20,000 trucks had stopped work", "Jordanian Truck Owners Association", "Jordanian Truck Owners Association", I, "said"),
    ("no more than 15 percent", *NUS, P, "said"),
    ("intimidating drivers who want to work", *NUS, P, "accused"),
    ("This is not a strike, it is a blockade", *NUS, D, "said"),
    ("and the law will be applied to anyone who blocks a road", *NUS, D, "said"),
    ("the increase had wiped out the margins of owner-drivers, many of whom are paid a fixed rate per load", *KHA, I, "argued"),
    ("A driver who earned 20 dinars on a run from Aqaba to Amman now takes home eight, if he is lucky", *KHA, D, "told"),
    ("We are not asking for favors. We are asking to be able to feed our families.\n\n“If the government wants the roads open, it knows what to do", *KHA, D, "told"),
    ("the last straw", *DRV, P, "described"),
    ("they would sell their trucks if prices were not cut", *DRV, I, "said"),
    ("Police arrested 14 people on Saturday for blocking the main highway to the port of Aqaba", "Public Security Directorate", "Public Security Directorate", I, "according to"),
    ("most of those held had since been released on bail", "security official", "Jordanian security official", I, "said"),
    ("fuel subsidies cost the treasury about 250 million dinars last year", *ZUB, I, "noted"),
    ("the government would eventually offer truckers a targeted rebate rather than lower the pump price", *ZUB, I, "predicted"),
    ("They cannot back down on the headline price without reopening their whole budget", *ZUB, D, "said"),
]

TEXT_FILES = {
    "algeria-gas-price-ar.txt": ALGERIA_AR,
    "kuwait-debt-law-ar.txt": KUWAIT_AR,
    "yemen-prisoner-exchange-ar.txt": YEMEN_AR,
    "red-sea-insurance-en.txt": RED_SEA_EN,
    "oman-tanker-mediation-en.txt": OMAN_EN,
    "jordan-diesel-strike-en.txt": JORDAN_EN,
}


def main():
    goldtools.build(HERE, TEXT_FILES, total_label="total held-out gold statements:")


if __name__ == "__main__":
    main()
