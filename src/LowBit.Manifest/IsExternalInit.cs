// netstandard2.0 lacks this marker type; defining it lets the library use init-only properties.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
