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
.chart .tick{font-size:11px;fill:#4a5663}
.chart polyline{fill:none;stroke-width:2.5}
ul.legend{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;margin:.3rem 0 0;padding:0;font-size:.85rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:.15rem;margin-right:.3rem;vertical-align:-.1rem}
.series-a{fill:#0b5d3b;stroke:#0b5d3b;background:#0b5d3b}
.series-b{fill:#2f6fb3;stroke:#2f6fb3;background:#2f6fb3}
.series-c{fill:#c98a00;stroke:#c98a00;background:#c98a00}
.series-d{fill:#9b1c14;stroke:#9b1c14;background:#9b1c14}
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
}
`;
