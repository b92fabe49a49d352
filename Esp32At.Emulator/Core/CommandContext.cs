using System.Text;

namespace Esp32At.Emulator.Core;

/// <summary>What a command handler works with: its parsed line, the device state and the output.</summary>
public sealed class CommandContext(EspEmulator emulator, AtCommandLine line)
{
    public AtCommandLine Line { get; } = line;
    public EspEmulator Emulator { get; } = emulator;
    public EmulatorState State => Emulator.State;

    /// <summary>Writes an information line: <paramref name="text"/> + CR LF.</summary>
    public void Info(string text) => Emulator.Output(text + "\r\n");

    /// <summary>Writes raw text (for the formats without CR LF).</summary>
    public void Raw(string text) => Emulator.Output(text);

    /// <summary>Writes the prompt (one write per string) and blocks until <paramref name="length"/> data bytes arrived (not echoed).</summary>
    public byte[] ReadData(int length, params string[] prompt) => Emulator.ReadData(length, prompt);

    public static string Utf8(byte[] data) => Encoding.UTF8.GetString(data);

    /// <summary>The final result bytes to write instead of <c>\r\nOK\r\n</c> (e.g. SEND OK), or null.</summary>
    public string? FinalResult { get; set; }

    /// <summary>Runs after the final result was written (e.g. the restart after AT+RST's OK).</summary>
    public Action? AfterFinal { get; set; }

    /// <summary>A UART rate to switch to right after the final result went out (AT+UART_CUR/DEF).</summary>
    public int? SwitchBaudAfterFinal { get; set; }
}

/// <summary>Handles one command; it writes its information lines and returns normally for OK, or throws CommandException for ERROR.</summary>
public delegate void CommandHandler(CommandContext context);
