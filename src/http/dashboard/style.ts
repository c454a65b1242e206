/**
 * The dashboard's only style sheet, served as a file (the content security policy allows no inline
 * style). Plain CSS without web fonts or images: quick on an old office PC and readable on a phone.
 */
export const DASHBOARD_STYLE = `*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1c2430;background:#f4f6f8}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:#0b5d3b;color:#fff}
header a{color:#fff}
header .brand{font-weight:700;text-decoration:none}
header nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;margin-right:auto}
header nav a{text-decoration:none;padding:.15rem 0}
header nav a[aria-current=page]{border-bottom:2px solid #fff;font-weight:600}
header .who{font-size:.9rem}
header .language{font-size:.9rem}
header form{margin:0}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:#0b5d3b}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{padding:.45rem .5rem;border-bottom:1px solid #dde3e8;text-align:left;vertical-align:top}
th{font-size:.85rem;color:#4a5663;background:#eef2f4}
.badge{display:inline-block;padding:.1rem .45rem;border-radius:.7rem;font-size:.8rem;font-weight:600;white-space:nowrap}
.badge.terlambat{background:#fde2e1;color:#9b1c14}
.badge.hampir{background:#fff1c2;color:#7a5300}
.badge.aman{background:#dcf3e4;color:#13613a}
.badge.selesai{background:#e6e9ec;color:#4a5663}
.flash{padding:.6rem .8rem;border-radius:.3rem;margin:0 0 1rem}
.flash.ok{background:#dcf3e4}
.flash.error{background:#fde2e1}
.card{background:#fff;border:1px solid #dde3e8;border-radius:.3rem;padding:1rem;margin-bottom:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0}
dt{color:#4a5663}
dd{margin:0}
.text{white-space:pre-wrap}
.photos{display:flex;flex-wrap:wrap;gap:.5rem}
.photos img{display:block;max-width:9rem;max-height:9rem;border:1px solid #dde3e8;border-radius:.25rem}
ol.thread{list-style:none;padding:0;margin:0}
ol.thread li{background:#fff;border-left:4px solid #9aa7b3;padding:.5rem .8rem;margin-bottom:.5rem}
ol.thread li.reply{border-color:#0b5d3b}
ol.thread li.message{border-color:#2f6fb3}
ol.thread li.note{border-color:#c98a00;background:#fffaf0}
.meta{font-size:.85rem;color:#4a5663}
form.action{margin:0 0 .8rem}
label{display:block;font-weight:600;margin:.4rem 0 .2rem}
input[type=text],input[type=password],textarea{width:100%;max-width:36rem;padding:.45rem;font:inherit;border:1px solid #9aa7b3;border-radius:.25rem}
textarea{min-height:5rem}
button{font:inherit;padding:.4rem .9rem;border:1px solid #0b5d3b;border-radius:.25rem;background:#0b5d3b;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b5d3b}
header button{background:transparent;border-color:#fff}
.actions{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
.signin{max-width:24rem;margin:3rem auto}
figure.chart{margin:0 0 1rem;background:#fff;border:1px solid #dde3e8;border-radius:.3rem;padding:.5rem}
figure.chart svg{width:100%;height:auto;display:block}
.chart .grid{stroke:#dde3e8;stroke-width:1}
.chart .tick{font-size:13px;fill:#4a5663}
.chart polyline{fill:none;stroke-width:2.5}
.chart .ongoing-band{fill:#eef2f4}
.chart .ongoing-label{font-size:13px;fill:#4a5663;font-style:italic}
.chart rect.ongoing{fill-opacity:.35;stroke-width:1.5;stroke-dasharray:4 3}
.chart polyline.ongoing{stroke-dasharray:6 4}
.chart circle.ongoing{fill:#fff;stroke-width:2}
ul.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;margin:.3rem 0 0;padding:0;font-size:.85rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:.15rem;margin-right:.3rem;vertical-align:-.1rem}
.series-a{fill:#0b5d3b;stroke:#0b5d3b;background:#0b5d3b}
.series-b{fill:#2f6fb3;stroke:#2f6fb3;background:#2f6fb3}
.series-c{fill:#c98a00;stroke:#c98a00;background:#c98a00}
.series-d{fill:#9b1c14;stroke:#9b1c14;background:#9b1c14}
.import-form select{font:inherit;padding:.4rem;border:1px solid #9aa7b3;border-radius:.25rem;background:#fff;max-width:36rem;width:100%}
.import-form input[type=file]{font:inherit;max-width:36rem;width:100%;padding:.3rem 0}
details.import-kind{background:#fff;border:1px solid #dde3e8;border-radius:.3rem;padding:.5rem .8rem;margin-bottom:.5rem}
details.import-kind summary{cursor:pointer;font-weight:600}
details.import-kind table{margin-top:.5rem}
.import-counts{font-weight:600}
.import-report h2{margin-top:0}
.import-report dl{margin-bottom:1rem}
.import-problems td:first-child{white-space:nowrap}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.views{margin:0 0 .8rem}
table.sessions tr.cancelled td{color:#6b7680;text-decoration:line-through}
table.sessions tr.cancelled td:nth-last-child(-n+2){text-decoration:none}
td.links a{margin-right:.6rem;white-space:nowrap}
td.answers{white-space:nowrap}
nav.months{display:flex;align-items:center;justify-content:space-between;gap:.5rem;margin:0 0 .5rem}
nav.months h2{margin:0}
table.calendar{table-layout:fixed}
table.calendar th{text-align:center}
table.calendar td{height:5.5rem;padding:.25rem;border:1px solid #dde3e8}
table.calendar td.outside{background:#f4f6f8;color:#9aa7b3}
table.calendar td.today{outline:2px solid #0b5d3b;outline-offset:-2px}
table.calendar .day{display:block;font-size:.8rem;font-weight:600}
table.calendar ul{list-style:none;margin:.2rem 0 0;padding:0}
table.calendar li{font-size:.8rem;margin-bottom:.2rem;overflow-wrap:anywhere}
table.calendar li.cancelled a{color:#6b7680;text-decoration:line-through}
.session-form .when{display:flex;flex-wrap:wrap;gap:0 1.5rem}
fieldset{border:1px solid #dde3e8;border-radius:.25rem;margin:.8rem 0 .3rem;padding:.5rem .8rem}
legend{font-weight:600}
ul.checks{list-style:none;margin:0;padding:0;columns:2 18rem}
label.check{font-weight:400;margin:.2rem 0}
@media (max-width:40rem){table.calendar td{height:4rem;font-size:.75rem;padding:.15rem}}
.overview h3{font-size:.95rem;margin:.8rem 0 .3rem}
.overview .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(11rem,calc(50% - .3rem)),1fr));gap:.6rem;margin:0 0 1rem}
.overview .figure{background:#fff;border:1px solid #dde3e8;border-radius:.3rem;padding:.6rem .7rem;display:flex;flex-direction:column;container-type:inline-size}
.overview .figure .value{font-size:clamp(.9rem,10cqi,1.3rem);font-weight:700;white-space:nowrap}
.overview .figure .label{font-size:.85rem;color:#4a5663}
.overview .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(28rem,100%),1fr));gap:0 1rem}
.overview table{margin-bottom:1rem}
.overview caption{caption-side:top;text-align:left;font-size:.85rem;color:#4a5663;padding:.3rem 0}
.overview .tables{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1rem}
.overview .bar-cell{width:30%}
.overview svg.cell-bar{width:100%;height:.7rem;display:block;margin-top:.35rem}
.overview svg.cell-bar .track{fill:#eef2f4}
#audit-log form.filters input[type=text]{width:14rem}
#audit td{font-size:.9rem}
#audit td.when{white-space:nowrap}
#audit td.details{color:#4a5663;overflow-wrap:anywhere}
.title-row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
.note{color:#4a5663;font-size:.9rem}
.count{margin:.6rem 0}
form.filters{display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:flex-end;background:#fff;border:1px solid #dde3e8;border-radius:.3rem;padding:.6rem 1rem;margin:0 0 1rem}
form.filters label{font-size:.85rem;margin-top:0}
form.filters .search{flex:1 1 14rem}
form.filters .check{display:flex;gap:.4rem;align-items:center;padding-bottom:.5rem}
form.filters .buttons{display:flex;gap:1rem;align-items:center;padding-bottom:.1rem}
input[type=search],input[type=date],input[type=time],input[type=week],select{padding:.4rem;font:inherit;border:1px solid #9aa7b3;border-radius:.25rem;background:#fff}
input[type=search],select{width:100%;max-width:36rem}
[aria-invalid=true]{border-color:#9b1c14;border-width:2px;outline:1px solid #9b1c14}
.field-error{color:#9b1c14;font-weight:600;margin:.2rem 0 0;font-size:.9rem}
form.participant-edit .field{margin-bottom:.5rem}
.flash ul{margin:.3rem 0 0}
.flash p{margin:0}
.pager{display:flex;gap:1rem;justify-content:center;margin:1rem 0}
.optional-text{color:#4a5663;font-size:.85rem}
ol.transcript{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.4rem}
ol.transcript li{max-width:85%;padding:.4rem .7rem;border-radius:.5rem;background:#fff;border:1px solid #dde3e8}
ol.transcript li.in{align-self:flex-end;background:#e4f4e9}
ol.transcript li.failed{border-color:#9b1c14}
.number{text-align:right;white-space:nowrap}
.weeknav{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:baseline}
form.filters .check label{margin:0;font-weight:400}
a.button{display:inline-block;padding:.4rem .9rem;border:1px solid #0b5d3b;border-radius:.25rem;background:#0b5d3b;color:#fff;text-decoration:none}
a.button.secondary{background:#fff;color:#0b5d3b}
.badge.belum{background:#fff1c2;color:#7a5300}
tr.unreported td{background:#fffaf0}
tfoot th{background:#eef2f4;color:#1c2430}
form.correction .amounts{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}
.channels{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1rem}
.channel{min-width:0;overflow-wrap:anywhere}
.channel h2{margin-top:0}
.channel dl{display:block}
.channel dt{font-size:.85rem;margin-top:.5rem}
.channel .state{font-weight:600}
.channel .state.connected{color:#13613a}
.channel .state.problem,.channel .state.disconnected,.channel .state.logged_out{color:#9b1c14}
.channel .off{font-weight:600;color:#4a5663}
figure.qr{margin:1rem 0 0}
figure.qr img{display:block;width:100%;max-width:320px;height:auto;image-rendering:pixelated;border:1px solid #dde3e8}
figure.qr figcaption{font-size:.9rem;margin-top:.4rem}
.reload{font-size:.9rem}
table.failed form{margin:0}
table.failed button{white-space:nowrap}
table.failed .reason{word-break:break-word}
@media (max-width:40rem){
  th.optional,td.optional{display:none}
  main{padding:.6rem}
  main table:not(.calendar){display:block;position:relative;width:max-content;max-width:100%;overflow-x:auto}
  .chart .tick,.chart .ongoing-label{font-size:20px}
  .chart .tick.minor{display:none}
}
`;
