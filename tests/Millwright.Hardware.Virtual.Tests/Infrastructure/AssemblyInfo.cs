using System.Runtime.Versioning;

// The virtual board runs on Linux only (pseudo-terminals, owner-only file modes), and so do its tests.
[assembly: SupportedOSPlatform("linux")]
