console.log("scopeflow seed demo");
