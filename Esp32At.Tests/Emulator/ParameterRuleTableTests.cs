using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// The parameter rules of docs/emulator-parameters.md, one row per rule, byte-exact with AT+SYSLOG=1, on every
/// profile that has the command. Each row names the Espressif doc (docs/en/AT_Command_Set/*.rst) whose parameter
/// list it follows; the ERR CODE layout is esp-at components/at/include/esp_at_core.h (ESP_AT_ERROR_NO: 0x01,
/// sub-category, extension = parameter index or need&lt;&lt;8|given), the same on v2.x (esp-at#540: v2.1 printed
/// 0x01060203 for AT+CWLAPOPT with one argument too many), v3.x and v4.x.
/// </summary>
public class ParameterRuleTableTests
{
    private const string Basic = "Basic_AT_Commands.rst", Wifi = "Wi-Fi_AT_Commands.rst", Tcp = "TCP-IP_AT_Commands.rst", Mqtt = "MQTT_AT_Commands.rst";

    /// <summary>line, expected answer, doc, oldest profile version that has the command.</summary>
    private static readonly (string Line, string Expected, string Doc, string Since)[] Rules =
    [
        ("AT+SYSLOG=2", Err("01070000"), Basic + " AT+SYSLOG <status> 0|1", "2.2"),
        ("AT+SYSLOG=", Err("01070000"), Basic + " AT+SYSLOG: <status> is not optional (omitted = invalid)", "2.2"),
        ("AT+SYSLOG=\"1\"", Err("01080000"), Basic + " AT+SYSLOG: <status> is a number (quoted = parse fail)", "2.2"),
        ("AT+SYSLOG=1,1", Err("01060102"), Basic + " AT+SYSLOG: one parameter (need 1, given 2)", "2.2"),
        ("AT+SYSSTORE=2", Err("01070000"), Basic + " AT+SYSSTORE <store_mode> 0|1", "2.2"),
        ("AT+SYSMSG=8", Err("01070000"), Basic + " AT+SYSMSG <state> bits 0-2", "2.2"),
        ("AT+UART_CUR=115200,8,1,0", Err("01060504"), Basic + " AT+UART_CUR: five parameters", "2.2"),
        ("AT+UART_CUR=115200,9,1,0,0", Err("01070000"), Basic + " AT+UART_CUR <databits> 5-8", "2.2"),
        ("AT+UART_CUR", Err("010c0000"), Basic + " AT+UART_CUR has no execute form", "2.2"),
        ("AT+FAKE", Err("01090000"), Basic + " AT+SYSLOG example: unknown command", "2.2"),
        ("AT+CWMODE=4", Err("01070000"), Wifi + " AT+CWMODE <mode> 0-3", "2.2"),
        ("AT+CWMODE=1,2", Err("01070001"), Wifi + " AT+CWMODE <auto_connect> 0|1", "2.2"),
        ("AT+CWMODE=1,", "\r\nOK\r\n", Wifi + " AT+CWMODE=<mode>[,<auto_connect>]: omitted <auto_connect> keeps its default 1", "2.2"),
        ("AT+CWMODE=1,,", Err("01060203"), Wifi + " AT+CWMODE: at most two parameters (need 2, given 3)", "2.2"),
        ("AT+CWLAP=,,0", Err("01070002"), Wifi + " AT+CWLAP <channel> from 1", "2.2"),
        ("AT+CWLAPOPT=1,2048", Err("01070001"), Wifi + " AT+CWLAPOPT <print mask> up to 0x7FF", "2.2"),
        ("AT+CWLAPOPT=1,", Err("01070001"), Wifi + " AT+CWLAPOPT: <print mask> is not optional", "2.2"),
        ("AT+CWRECONNCFG=1,1001", Err("01070001"), Wifi + " AT+CWRECONNCFG <repeat_count> 0-1000", "2.2"),
        ("AT+CWAUTOCONN=2", Err("01070000"), Wifi + " AT+CWAUTOCONN <enable> 0|1", "2.2"),
        ("AT+CWDHCP=1,4", Err("01070001"), Wifi + " AT+CWDHCP <mode> bit0 station, bit1 soft-AP", "2.2"),
        ("AT+CWHOSTNAME=\"\"", Err("01070000"), Wifi + " AT+CWHOSTNAME: an empty name is refused", "2.2"),
        ("AT+CWHOSTNAME=\"12345678901234567890123456789012345\"", Err("01040000"), Wifi + " AT+CWHOSTNAME <hostname> at most 32 bytes", "2.2"),
        ("AT+CWCOUNTRY=2,\"CN\",1,13", Err("01070000"), Wifi + " AT+CWCOUNTRY <country_policy> 0|1", "2.2"),
        ("AT+CWSAP=\"ap\",\"\",6,3", Err("01040001"), Wifi + " AT+CWSAP <pwd> 8-64 bytes unless OPEN", "2.2"),
        ("AT+CIPSTA=\"1.2.3\"", Err("01070000"), Tcp + " AT+CIPSTA <ip> dotted IPv4", "2.2"),
        ("AT+CIPSTA=\"\"", Err("01070000"), Tcp + " AT+CIPSTA: an empty <ip> is refused", "2.2"),
        ("AT+CIPDNS=2", Err("01070000"), Tcp + " AT+CIPDNS <enable> 0|1", "2.2"),
        ("AT+CIPDNS=1,\"\"", Err("01070001"), Tcp + " AT+CIPDNS <DNS IP1>: an empty address is refused", "2.2"),
        ("AT+CIPMUX=2", Err("01070000"), Tcp + " AT+CIPMUX <mode> 0|1", "2.2"),
        ("AT+CIPMUX=x", Err("01080000"), Tcp + " AT+CIPMUX: <mode> is a number (malformed = parse fail)", "2.2"),
        ("AT+CIPMODE=2", Err("01070000"), Tcp + " AT+CIPMODE <mode> 0|1", "2.2"),
        ("AT+CIPDINFO=2", Err("01070000"), Tcp + " AT+CIPDINFO <mode> 0|1", "2.2"),
        ("AT+CIPRECVMODE=2", Err("01070000"), Tcp + " AT+CIPRECVMODE <mode> 0|1", "2.2"),
        ("AT+CIPSERVERMAXCONN=6", Err("01070000"), Tcp + " AT+CIPSERVERMAXCONN <num> 1-5", "2.2"),
        ("AT+CIPSTO=7201", Err("01070000"), Tcp + " AT+CIPSTO <time> 0-7200", "2.2"),
        ("AT+CIPSTO=", Err("01070000"), Tcp + " AT+CIPSTO: <time> is not optional", "2.2"),
        ("AT+CIPSTO=\"60\"", Err("01080000"), Tcp + " AT+CIPSTO: <time> is a number (quoted = parse fail)", "2.2"),
        ("AT+CIPSTART=\"TCP\",\"1.2.3.4\"", Err("01060302"), Tcp + " AT+CIPSTART: <type>,<remote host>,<remote port> needed", "2.2"),
        ("AT+CIPRECVTYPE=5,1", Err("01060102"), Tcp + " AT+CIPRECVTYPE single connection: <mode> only", "3.3"),
        ("AT+CIPSSLCSNI=\"\"", "\r\nOK\r\n", Tcp + " AT+CIPSSLCSNI: an empty <sni> clears it (issue 14)", "2.2"),
        ("AT+CIPSSLCCONF=4", Err("01070000"), Tcp + " AT+CIPSSLCCONF <auth_mode> 0-3", "2.2"),
        ("AT+CIPSNTPCFG=2,8", Err("01070000"), Tcp + " AT+CIPSNTPCFG <enable> 0|1", "2.2"),
        ("AT+CIPSNTPCFG=1,15", Err("01070001"), Tcp + " AT+CIPSNTPCFG <timezone> -12..14 or UTC offset", "2.2"),
        ("AT+CIPSNTPINTV=14", Err("01070000"), Tcp + " AT+CIPSNTPINTV <interval second> 15-4294967", "2.4"),
        ("AT+TRANSINTVL=1001", Err("01070000"), Tcp + " AT+TRANSINTVL <interval> 0-1000", "3.2"),
        ("AT+CIPSEND=", Err("01070000"), Tcp + " AT+CIPSEND: <length> is not optional", "2.2"),
        ("AT+CIPSEND=\"5\"", Err("01080000"), Tcp + " AT+CIPSEND: <length> is a number (quoted = parse fail)", "2.2"),
        ("AT+CIPSEND=5,1,2,3", Err("01060304"), Tcp + " AT+CIPSEND single link: <length>[,<remote host>,<remote port>] (need 3, given 4)", "2.2"),
        ("AT+CIPSEND=5", Err("010a0000"), Tcp + " AT+CIPSEND with no link open: execution failed", "2.2"),
        ("AT+CIPSENDEX=", Err("01070000"), Tcp + " AT+CIPSENDEX: <length> is not optional", "2.2"),
        ("AT+CIPSENDEX=5,1,2,3", Err("01060304"), Tcp + " AT+CIPSENDEX single link: at most three parameters", "2.2"),
        ("AT+CIPSENDL=1", Err("010a0000"), Tcp + " AT+CIPSENDL with no link open: execution failed", "2.4"),
        ("AT+CIPRECVDATA=", Err("01070000"), Tcp + " AT+CIPRECVDATA: <len> is not optional", "2.2"),
        ("AT+CIPDOMAIN=\"\"", Err("010a0000"), Tcp + " AT+CIPDOMAIN: an empty name does not resolve (execution failed)", "2.2"),
        ("AT+PING=", Err("01070000"), Tcp + " AT+PING: <host> is a string, not optional", "2.2"),
        ("AT+PING=\"\"", Err("01070000"), Tcp + " AT+PING: an empty <host> is refused", "2.2"),
        ("AT+MDNS=2", Err("01070000"), Tcp + " AT+MDNS <enable> 0|1", "2.2"),
        ("AT+MDNS=1,\"\",", Err("01060403"), Tcp + " AT+MDNS=1 needs <hostname>,<service_name>,<port> (need 4, given 3)", "2.2"),
        ("AT+CWQIF=\"zz\"", Err("010a0000"), Wifi + " AT+CWQIF with the soft-AP off (CWMODE 1 at boot): execution failed", "2.2"),
        ("AT+MQTTUSERCFG=1,1,\"c\",\"u\",\"p\",0,0,\"\"", Mq("6011"), Mqtt + " AT+MQTTUSERCFG <LinkID> only 0 (AT_MQTT_LINK_ID_VALUE_IS_WRONG)", "2.2"),
        ("AT+MQTTUSERCFG=0,11,\"c\",\"u\",\"p\",0,0,\"\"", Mq("6013"), Mqtt + " AT+MQTTUSERCFG <scheme> 1-10 (AT_MQTT_SCHEME_VALUE_IS_WRONG)", "2.2"),
        ("AT+MQTTUSERCFG=0,1,\"c\",\"u\",\"p\",0,0", Mq("6008"), Mqtt + " AT+MQTTUSERCFG: eight parameters (AT_MQTT_PARAMETER_COUNTS_IS_WRONG)", "2.2"),
        ("AT+MQTTCONNCFG=0,0,0,\"\",\"\",3,0", Mq("6037"), Mqtt + " AT+MQTTCONNCFG <lwt_qos> 0-2 (AT_MQTT_LWT_QOS_VALUE_IS_WRONG)", "2.2"),
        ("AT+MQTTCONN=0,\"h\",0,0", Mq("6001"), Mqtt + " AT+MQTTCONN before AT+MQTTUSERCFG (AT_MQTT_NO_CONFIGURED)", "2.2"),
        ("AT+MQTTPUB=0,\"t\",\"d\",3,0", Mq("6048"), Mqtt + " AT+MQTTPUB <qos> 0-2 (AT_MQTT_QOS_VALUE_IS_WRONG)", "2.2"),
        ("AT+MQTTSUB=0,\"t\",3", Mq("6048"), Mqtt + " AT+MQTTSUB <qos> 0-2 (AT_MQTT_QOS_VALUE_IS_WRONG)", "2.2"),
        ("AT+MQTTUNSUB=0,\"\"", Mq("6042"), Mqtt + " AT+MQTTUNSUB: an empty <topic> (AT_MQTT_TOPIC_IS_NULL)", "2.2"),
        ("AT+CWINIT=2", Err("01070000"), Wifi + " AT+CWINIT <init> 0|1", "3.2"),
        ("AT+SLEEP=4", Err("01070000"), Basic + " AT+SLEEP <sleep mode> 0-3", "2.2"),
        ("AT+SLEEP=", Err("01070000"), Basic + " AT+SLEEP: <sleep mode> is not optional", "2.2"),
        ("AT+SLEEP=1,1", Err("01060102"), Basic + " AT+SLEEP: one parameter (need 1, given 2)", "2.2"),
        ("AT+CWJAP=\"\"", Err("01060201"), Wifi + " AT+CWJAP: <ssid>,<pwd> at least (need 2, given 1)", "2.2"),
        ("AT+CWJAP=,", Err("01070000"), Wifi + " AT+CWJAP: an empty <ssid> is refused", "2.2"),
        ("AT+RFPOWER=130", Err("01070000"), Basic + " AT+RFPOWER <wifi_power> 40-84", "2.2"),
        ("AT+CIPSTAMAC=\"zz\"", Err("01070000"), Tcp + " AT+CIPSTAMAC <mac> six hex bytes", "2.2"),
        ("AT+CIPSTARTEX=", Err("01060301"), Tcp + " AT+CIPSTARTEX: <type>,<remote host>,<remote port> needed", "2.2"),
        ("AT+CIPSENDLCFG=0,0", Err("01070000"), Tcp + " AT+CIPSENDLCFG <report size> from 100", "2.4"),
        ("AT+CIPSSLCCN=\"\"", Err("01070000"), Tcp + " AT+CIPSSLCCN: an empty <common name> is refused", "2.2"),
        ("AT+SYSTIMESTAMP=-1", Err("01070000"), Basic + " AT+SYSTIMESTAMP <Unix_timestamp> not negative", "2.2"),
        ("AT+UART_DEF=115200,8,1,0", Err("01060504"), Basic + " AT+UART_DEF: five parameters", "2.2"),
        ("AT+MQTTCLEAN=1", Mq("6011"), Mqtt + " AT+MQTTCLEAN <LinkID> only 0 (AT_MQTT_LINK_ID_VALUE_IS_WRONG)", "2.2"),
    ];

    private static string Err(string code) => $"ERR CODE:0x{code}\r\n\r\nERROR\r\n";

    /// <summary>An MQTT error: MQTT_AT_Commands.rst "MQTT Error Codes", printed as <c>ERR CODE:0x&lt;%08x&gt;</c>.</summary>
    private static string Mq(string code) => $"ERR CODE:0x0000{code}\r\n\r\nERROR\r\n";

    public static TheoryData<string, string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string, string>();
        foreach (var p in FirmwareProfile.All)
            foreach (var r in Rules)
                if (p.Version >= Version.Parse(r.Since)) rows.Add(p.Name, r.Line, r.Expected, r.Doc);
        return rows;
    }

    /// <summary>Every command a profile registers with a set form has a row in docs/emulator-parameters.md's table
    /// (the doc cannot silently fall behind the emulator); <c>MQTT*</c> covers the MQTT commands.</summary>
    [Fact]
    public void EveryRegisteredSetCommandHasADocumentedRow()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "emulator-parameters.md"));
        var table = doc[doc.IndexOf("## The rules, command by command", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
            foreach (var token in row.Split('|')[1].Split([',', '/', ' '], StringSplitOptions.RemoveEmptyEntries))
                documented.Add(token);
        var missing = new List<string>();
        foreach (var p in FirmwareProfile.All)
        {
            using var port = new RawPort(p);
            int i = 0;
            foreach (var name in port.Emulator.Commands.Names)
            {
                bool hasSet = Esp32At.Emulator.Commands.CommandForms.Line(i++, name).Split(',')[4] == "1";
                if (!hasSet || documented.Contains(name) || name.StartsWith("MQTT", StringComparison.Ordinal) && documented.Contains("MQTT*")) continue;
                missing.Add($"{p.Name} {name}");
            }
        }
        Assert.Empty(missing);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Esp32At.TinyCLR.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Esp32At.TinyCLR.sln");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void TheFirmwareParameterRuleHolds(string profile, string line, string expected, string doc)
    {
        using var port = new RawPort(FirmwareProfile.Named(profile));
        port.Command("ATE0");
        port.Command("AT+SYSLOG=1");
        string end = expected.EndsWith("ERROR\r\n", StringComparison.Ordinal) ? "ERROR\r\n" : "OK\r\n";
        Assert.NotEmpty(doc);
        Assert.Equal(expected, port.Command(line, end)); // the row's profile, line and doc name the rule that failed
    }
}
