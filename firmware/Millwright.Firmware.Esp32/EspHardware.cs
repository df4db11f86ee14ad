using System;
using System.Diagnostics;
using Millwright.Firmware.Board;
using Millwright.Firmware.Components;
using Millwright.Firmware.Esp32.Io;
using Millwright.Firmware.Esp32.Network;
using Millwright.Firmware.Esp32.Platform;
using Millwright.Firmware.Esp32.Storage;
using Millwright.Firmware.Hardware;
using Millwright.Firmware.Runtime;
using Millwright.Protocol.Text;

namespace Millwright.Firmware.Esp32;

/// <summary>Builds the node's hardware bag from the board's generated wiring, and reports what the bindings found at start-up.</summary>
internal static class EspHardware
{
    /// <summary>LittleFS partition on 4 MB flash (nanoCLR partitions_nanoclr_4mb.csv); larger flash has more, never less.</summary>
    public const long StorageCapacityBytes = 256 * 1024;

    /// <summary>Optional PEM of the CA that signed the broker's certificate, put on I: with nanoff --filedeployment.</summary>
    public const string BrokerCaFile = "broker-ca.pem";

    private const string CryptoComponent = "crypto-self-test";

    public static NodeHardware Create(BoardDescription board, BoardWiring wiring)
    {
        LittleFsRecordStore store = new LittleFsRecordStore(LittleFsRecordStore.Drive, StorageCapacityBytes);
        EspHealthSource health = new EspHealthSource(store);
        NodeHardware hardware = new NodeHardware();
        hardware.Board = board;
        hardware.Clock = new EspClock();
        hardware.Store = store;
        hardware.Health = health;
        hardware.Watchdog = new EspWatchdog(health);
        hardware.KeyStore = new FileKeyStore(store);
        hardware.Serial = new Com2SerialPort(wiring.ConsolePort, wiring.ConsoleTxPin, wiring.ConsoleRxPin, board.ConsoleBaudRate, board.ConsoleFraming);
        hardware.Network = new WifiNetwork();
        hardware.Link = new M2MqttLink();
        hardware.BoardIo = new EspBoardIo(wiring);
        // nanoCLR for ESP32 draws every Random value from esp_random(), the hardware RNG: no seed needed.
        hardware.Random = new Random();
        Debug.WriteLine("millwright " + FirmwareInfo.Version + " on " + board.Name + ", reset: " + health.ResetReason);
        return hardware;
    }

    public static NodeRuntimeOptions CreateOptions(IRecordStore store)
    {
        NodeRuntimeOptions options = new NodeRuntimeOptions();
        int length = store.Length(BrokerCaFile);
        if (length > 0)
        {
            byte[] pem = new byte[length];
            int read = store.Read(BrokerCaFile, 0, pem, 0, length);
            int chars = Utf8.GetCharCount(pem, 0, read);
            options.Session.CaCertificatePem = chars < 0 ? null : Utf8.Decode(pem, 0, read, chars);
        }

        return options;
    }

    /// <summary>A failed HMAC self-test (<see cref="NativeHmacCheck"/>) shows as a failed component in health and on the console.</summary>
    public static void ReportHmacCheck(NodeRuntime node, string problem, long nowMicros)
    {
        if (problem == null)
        {
            return;
        }

        Debug.WriteLine("crypto: " + problem);
        ComponentRegistry components = node.Components;
        if (components != null && components.Count < components.Capacity && components.Find(CryptoComponent) == null)
        {
            StartupFailure failure = new StartupFailure(CryptoComponent, "managed and native HMAC-SHA-256 differ");
            components.Add(failure);
            failure.Setup(nowMicros);
        }
    }
}
