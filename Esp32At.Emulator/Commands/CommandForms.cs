namespace Esp32At.Emulator.Commands;

/// <summary>
/// Which of the four forms (test <c>=?</c>, query <c>?</c>, set <c>=</c>, execute) each emulated command accepts, as
/// <c>AT+CMD?</c> lists them (spec §2.1): <c>+CMD:&lt;index&gt;,"AT&lt;name&gt;",&lt;test&gt;,&lt;query&gt;,&lt;set&gt;,&lt;exe&gt;</c>.
/// The flags describe the emulator's handlers, which follow the spec's command reference. ESP-AT registers no test
/// handler for these commands [UNVERIFIED per command], so the test flag is 0 throughout.
/// </summary>
public static class CommandForms
{
    private const string Q = "Q", S = "S", E = "E";

    private static readonly Dictionary<string, string> Forms = new(StringComparer.Ordinal)
    {
        [""] = E, ["E0"] = E, ["E1"] = E, ["GMR"] = E, ["RST"] = E, ["RESTORE"] = E, ["CMD"] = Q,
        ["SYSLOG"] = Q + S, ["SYSSTORE"] = Q + S, ["SYSMSG"] = Q + S, ["SYSRAM"] = Q, ["UART_CUR"] = Q + S, ["UART_DEF"] = Q + S,
        ["SYSMFG"] = Q + S, ["SYSTIMESTAMP"] = Q + S, ["TRANSINTVL"] = Q + S, ["SLEEP"] = Q + S,
        ["CWINIT"] = Q + S, ["CWMODE"] = Q + S, ["CWJAP"] = Q + S + E, ["CWQAP"] = E, ["CWSTATE"] = Q, ["CWLAP"] = S + E,
        ["CWLAPOPT"] = S, ["CWRECONNCFG"] = Q + S, ["CWAUTOCONN"] = Q + S, ["CWSAP"] = Q + S, ["CWLIF"] = E, ["CWQIF"] = S + E,
        ["CWDHCP"] = Q + S, ["CWHOSTNAME"] = Q + S, ["CWCOUNTRY"] = Q + S, ["RFPOWER"] = Q + S,
        ["CIPSTA"] = Q + S, ["CIPAP"] = Q + S, ["CIPSTAMAC"] = Q + S, ["CIPAPMAC"] = Q + S, ["CIPDNS"] = Q + S, ["CIFSR"] = E,
        ["CIPMUX"] = Q + S, ["CIPMODE"] = Q + S, ["CIPDINFO"] = Q + S, ["CIPRECVMODE"] = Q + S, ["CIPRECVTYPE"] = Q + S,
        ["CIPSERVERMAXCONN"] = Q + S, ["CIPSTO"] = Q + S, ["CIPV6"] = Q + S, ["CIPTCPOPT"] = Q + S, ["CIPSERVER"] = Q + S,
        ["CIPSTART"] = S, ["CIPSTARTEX"] = S, ["CIPCLOSE"] = S + E, ["CIPSTATE"] = Q, ["CIPSTATUS"] = E,
        ["CIPSEND"] = S + E, ["CIPSENDEX"] = S, ["CIPSENDL"] = S, ["CIPSENDLCFG"] = Q + S,
        ["CIPRECVDATA"] = S, ["CIPRECVLEN"] = Q, ["CIPDOMAIN"] = S, ["PING"] = S,
        ["CIPSSLCCONF"] = Q + S, ["CIPSSLCCN"] = Q + S, ["CIPSSLCSNI"] = Q + S, ["CIPSSLCALPN"] = Q + S,
        ["CIPSNTPCFG"] = Q + S, ["CIPSNTPTIME"] = Q, ["CIPSNTPINTV"] = Q + S, ["MDNS"] = S,
        // MQTT AT Commands (Espressif's reference): only MQTTCONN and MQTTSUB have a query form.
        ["MQTTUSERCFG"] = S, ["MQTTLONGCLIENTID"] = S, ["MQTTLONGUSERNAME"] = S, ["MQTTLONGPASSWORD"] = S,
        ["MQTTCLIENTID"] = S, ["MQTTUSERNAME"] = S, ["MQTTPASSWORD"] = S, ["MQTTCONNCFG"] = S, ["MQTTALPN"] = S,
        ["MQTTSNI"] = S, ["MQTTCONN"] = Q + S, ["MQTTPUB"] = S, ["MQTTPUBRAW"] = S, ["MQTTSUB"] = Q + S,
        ["MQTTUNSUB"] = S, ["MQTTCLEAN"] = S,
    };

    /// <summary>Whether a forms entry exists for <paramref name="name"/> (every registered command must have one).</summary>
    public static bool Known(string name) => Forms.ContainsKey(name);

    /// <summary>The <c>+CMD:</c> line of command <paramref name="name"/> at position <paramref name="index"/>.</summary>
    public static string Line(int index, string name)
    {
        var forms = Forms.TryGetValue(name, out var f) ? f : Q + S + E;
        int Has(string form) => forms.Contains(form) ? 1 : 0;
        // The basic commands are named without '+': "AT", "ATE0"; the others "AT+NAME".
        var atName = name is "" or "E0" or "E1" ? "AT" + name : "AT+" + name;
        return $"+CMD:{index},\"{atName}\",0,{Has(Q)},{Has(S)},{Has(E)}";
    }
}
