using Esp32At.Emulator.Profiles;

namespace Esp32At.Tests.Emulator;

/// <summary>
/// AT+UART_CUR / AT+UART_DEF as esp-at's open source parses them: components/at/src/at_uart_cmd.c
/// <c>at_setup_cmd_uart_common</c> at commit b49e4b986584c48476d663a5b1e29e437c88c10c. Every bad value returns a bare
/// <c>ESP_AT_RESULT_CODE_ERROR</c> before <c>esp_at_write_result(OK)</c> (line 83) and before the UART is reconfigured
/// (line 88), so the answer is ERROR at the old rate and the settings stay. The handler names no parameter index, so
/// the emulator prints its index-less <c>0x01070000</c> (the core that prints the ERR CODE is closed source).
/// </summary>
public class UartSourceRuleTests
{
    private const string Src = "components/at/src/at_uart_cmd.c@b49e4b98";

    public static TheoryData<string, string, string> Rows() => new()
    {
        { "AT+UART_CUR=79,8,1,0,0", "0x01070000", Src + ":31 baud < AT_UART_BAUD_RATE_MIN (80, main/interface/include/at_uart.h:33)" },
        { "AT+UART_CUR=115200,4,1,0,0", "0x01070000", Src + ":41 data bits - 5 < UART_DATA_5_BITS" },
        { "AT+UART_DEF=115200,9,1,0,0", "0x01070000", Src + ":41 data bits - 5 > UART_DATA_8_BITS" },
        { "AT+UART_CUR=115200,8,0,0,0", "0x01070000", Src + ":50 stop bits < UART_STOP_BITS_1" },
        { "AT+UART_CUR=115200,8,4,0,0", "0x01070000", Src + ":50 stop bits > UART_STOP_BITS_2 (3)" },
        { "AT+UART_CUR=115200,8,1,3,0", "0x01070000", Src + ":59 parity > 2" },
        { "AT+UART_DEF=115200,8,1,0,4", "0x01070000", Src + ":68 flow control > UART_HW_FLOWCTRL_CTS_RTS (3)" },
        { "AT+UART_CUR=115200,8,1,0,0,0", "0x01060506", Src + ":73 para_num != 5 (six given)" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ABadValueAnswersErrorAndKeepsTheUart(string line, string code, string source)
    {
        foreach (var profile in FirmwareProfile.All)
        {
            using var port = new RawPort(profile);
            port.Command("ATE0");
            port.Command("AT+SYSLOG=1");
            var before = port.Command("AT+UART_CUR?");
            Assert.Equal($"ERR CODE:{code}\r\n\r\nERROR\r\n", port.Command(line, "ERROR\r\n"));
            Assert.Equal(before, port.Command("AT+UART_CUR?")); // still at the old rate, nothing reconfigured
            Assert.NotEmpty(source);
        }
    }
}
