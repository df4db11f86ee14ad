using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Millwright.Firmware.Esp32")]
[assembly: AssemblyDescription("Millwright sensor node firmware for ESP32 boards (nanoFramework)")]
[assembly: AssemblyConfiguration("")]
[assembly: AssemblyCompany("")]
[assembly: AssemblyProduct("Millwright")]
[assembly: AssemblyCopyright("")]
[assembly: AssemblyTrademark("")]
[assembly: AssemblyCulture("")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
