namespace Esp32At.Demos.HttpServer
{
    /// <summary>The page at <c>/</c>: a live status readout (polls <c>/api/status</c> every second) and an LED switch.</summary>
    public static class StatusPage
    {
        /// <summary>The HTML (small: it crosses the UART on every load).</summary>
        public const string Html =
"<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">" +
"<title>Esp32At status</title><style>body{font-family:sans-serif;max-width:32em;margin:2em auto;color:#222}" +
"td{padding:.2em .8em}#led{font-size:1.2em;padding:.4em 1.2em}.on{background:#fd4;}</style></head><body>" +
"<h1>Esp32At HTTP server</h1><p>Served by a TinyCLR app through an ESP32 running ESP-AT.</p>" +
"<table id=\"s\"><tr><td>loading...</td></tr></table>" +
"<p><button id=\"led\" onclick=\"toggle()\">LED</button></p>" +
"<script>" +
"function show(s){var t='';for(var k in s)t+='<tr><td>'+k+'</td><td>'+s[k]+'</td></tr>';" +
"document.getElementById('s').innerHTML=t;var b=document.getElementById('led');" +
"b.textContent='LED is '+(s.led?'on':'off');b.className=s.led?'on':''}" +
"function poll(){fetch('/api/status').then(function(r){return r.json()}).then(show).catch(function(){})}" +
"function toggle(){fetch('/api/led',{method:'POST',headers:{'Content-Type':'application/json'},body:'{\"toggle\":true}'}).then(poll)}" +
"poll();setInterval(poll,1000);" +
"</script></body></html>";
    }
}
