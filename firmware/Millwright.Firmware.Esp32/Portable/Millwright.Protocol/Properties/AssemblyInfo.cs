using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Millwright.Protocol")]
[assembly: AssemblyProduct("Millwright")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
