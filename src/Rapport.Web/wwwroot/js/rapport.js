// Small helpers the Blazor components call through JS interop.
window.rapport = {
    setCookie(name, value, days) {
        document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}; path=${document.baseURI ? new URL(document.baseURI).pathname : "/"}; max-age=${days * 86400}; samesite=lax`;
    }
};
