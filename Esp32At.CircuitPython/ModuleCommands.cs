namespace Esp32At.CircuitPython
{
    /// <summary>Every AT command string of the CircuitPython faces (system commands of the <c>esp32at</c> module).</summary>
    internal static class ModuleCommands
    {
        public const string Restart = "AT+RST";
        public const string FactoryReset = "AT+RESTORE";
    }
}
