namespace GHIElectronics.TinyCLR.Devices.Uart;

public enum UartHandshake { None = 0, RequestToSend = 1 }
public enum UartParity { None = 0, Odd = 1, Even = 2, Mark = 3, Space = 4 }
public enum UartStopBitCount { One = 0, OnePointFive = 1, Two = 2 }
