* 機能見本アンケート.
* Template example-all-features 1.0.0 (sha256-944068c388319062c823e6bea1ea9a00d6001ea67b7ee4105ecb7b16fd4e745e), written by kizuki.
* Reads the wide CSV with codes (UTF-8). SET UNICODE ON must run before any data set is open.
SET UNICODE ON.
GET DATA
  /TYPE=TXT
  /FILE='responses.csv'
  /ENCODING='UTF8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    respondentId A64
    email A600
    sex F1.0
    age F2.0
    children F2.0
    birth_date SDATE10
    arrangements_1 F1.0
    arrangements_2 F1.0
    arrangements_3 F1.0
    arrangements_4 F1.0
    arrangements_5 F1.0
    arrangements_6 F1.0
    arrangements_other A3000
    telework_days F12.4
    leave_plan F1.0
    workload F1.0
    v_care F1.0
    v_lead F1.0
    v_share F1.0
    why_leave_r1 F1.0
    why_leave_r2 F1.0
    why_leave_r3 F1.0
    why_leave_other A3000
    comment A6000
    score_check F1.0
    care_support F1.0
    locale A16
    startedAt A30
    submittedAt A30
    seed F10.0
.

VARIABLE LABELS
  respondentId '回答者ID'
  /email '結果の送付を希望する場合はメールアドレス（任意）'
  /sex '性別'
  /age '年齢'
  /children '同居している子どもの人数'
  /birth_date '生年月日（任意）'
  /arrangements_1 '利用したことのある働き方（3つまで）: テレワーク'
  /arrangements_2 '利用したことのある働き方（3つまで）: フレックスタイム'
  /arrangements_3 '利用したことのある働き方（3つまで）: 短時間勤務'
  /arrangements_4 '利用したことのある働き方（3つまで）: 育児休業'
  /arrangements_5 '利用したことのある働き方（3つまで）: その他'
  /arrangements_6 '利用したことのある働き方（3つまで）: どれもない'
  /arrangements_other '利用したことのある働き方（3つまで）: その他の内容'
  /telework_days 'テレワークをする日数（週あたり、平均）'
  /leave_plan '次に子どもが生まれたら育児休業を取りたいと思いますか'
  /workload '仕事の量について、どのくらい満足していますか'
  /v_care '家族の介護は、主に女性が担うものだ'
  /v_lead 'チームのまとめ役には男性のほうが向いている'
  /v_share '家事は家族で分け合うのが当然だ'
  /why_leave_r1 '地元を離れる理由として大きいものを、大きい順に3つまで選んでください: 1位'
  /why_leave_r2 '地元を離れる理由として大きいものを、大きい順に3つまで選んでください: 2位'
  /why_leave_r3 '地元を離れる理由として大きいものを、大きい順に3つまで選んでください: 3位'
  /why_leave_other '地元を離れる理由として大きいものを、大きい順に3つまで選んでください: その他の内容'
  /comment '{why_leave} を選んだ理由など、ご意見があればお書きください'
  /score_check 'この見本の回答は分かりやすかったですか'
  /care_support '職場は子育てと仕事の両立を支えてくれている'
  /locale '回答言語'
  /startedAt '回答開始日時'
  /submittedAt '回答送信日時'
  /seed '選択肢の並べ替えの種'
.

VALUE LABELS
  sex
    1 '男性'
    2 '女性'
    3 'その他'
    9 '答えたくない'
  /arrangements_1 arrangements_2 arrangements_3 arrangements_4 arrangements_5 arrangements_6
    0 '選ばなかった'
    1 '選んだ'
  /leave_plan
    1 '取りたい'
    2 '取りたくない'
    3 'わからない'
  /workload
    1 '満足'
    2 'やや満足'
    3 'どちらともいえない'
    4 'やや不満'
    5 '不満'
  /v_care v_lead v_share care_support
    1 'そう思う'
    2 'どちらかといえばそう思う'
    3 'どちらかといえばそう思わない'
    4 'そう思わない'
    9 'わからない'
  /why_leave_r1 why_leave_r2 why_leave_r3
    1 '希望する仕事がない'
    2 '賃金が低い'
    3 '性別による役割の期待'
    4 '進学'
    5 'その他'
  /score_check
    1 'はい'
    2 'いいえ'
.

MISSING VALUES sex v_care v_lead v_share care_support (9)
  /leave_plan (3).

VARIABLE LEVEL sex arrangements_1 arrangements_2 arrangements_3 arrangements_4 arrangements_5 arrangements_6 leave_plan why_leave_r1 why_leave_r2 why_leave_r3 score_check (NOMINAL)
  /workload v_care v_lead v_share care_support (ORDINAL)
  /age children birth_date telework_days seed (SCALE).

MRSETS
  /MDGROUP NAME=$arrangements LABEL='利用したことのある働き方（3つまで）'
    VARIABLES=arrangements_1 arrangements_2 arrangements_3 arrangements_4 arrangements_5 arrangements_6 VALUE=1
.

EXECUTE.
