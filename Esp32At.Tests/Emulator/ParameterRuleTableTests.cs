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
    private const string Basic = "Basic_AT_Commands.rst", Wifi = "Wi-Fi_AT_Commands.rst", Tcp = "TCP-IP_AT_Commands.rst";

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
    ];

    private static string Err(string code) => $"ERR CODE:0x{code}\r\n\r\nERROR\r\n";

    public static TheoryData<string, string, string, string> Rows()
    {
        var rows = new TheoryData<string, string, string, string>();
        foreach (var p in FirmwareProfile.All)
            foreach (var r in Rules)
                if (p.Version >= Version.Parse(r.Since)) rows.Add(p.Name, r.Line, r.Expected, r.Doc);
        return rows;
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
