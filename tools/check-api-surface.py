#!/usr/bin/env python3
# Usage: tools/check-api-surface.py DIR
# DIR holds Uart.cs, Gpio.cs, Network.cs, NetworkProvider.cs, SelectMode.cs and SocketErrors.cs from
# ghi-electronics/TinyCLR-Libraries @ a9c94720 (2.2.1.2000), e.g. `git show a9c94720:GHIElectronics.TinyCLR.Devices.Uart/Uart.cs`.
# Checks every api-surface entry of the types below against those sources (signature or enum value);
# prints OK/BAD per entry, then "checked matched"; exits 1 on any BAD. Reads GHI's files, copies nothing.
import re,sys,os
SRC=sys.argv[1]
surf=open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','tinyclr','api-surface.txt')).read().splitlines()
src={ 'GHIElectronics.TinyCLR.Devices.Uart':'Uart.cs','GHIElectronics.TinyCLR.Devices.Gpio':'Gpio.cs',
      'GHIElectronics.TinyCLR.Devices.Network':'Network.cs','GHIElectronics.TinyCLR.Networking.INetworkProvider':'NetworkProvider.cs',
      'System.Net.Sockets.SelectMode':'SelectMode.cs','System.Net.Sockets.SocketError':'SocketErrors.cs'}
want=['GHIElectronics.TinyCLR.Devices.Uart.UartController','GHIElectronics.TinyCLR.Devices.Uart.UartSetting','GHIElectronics.TinyCLR.Devices.Uart.UartHandshake',
 'GHIElectronics.TinyCLR.Devices.Gpio.GpioController','GHIElectronics.TinyCLR.Devices.Gpio.GpioPin','GHIElectronics.TinyCLR.Devices.Gpio.GpioPinDriveMode','GHIElectronics.TinyCLR.Devices.Gpio.GpioPinValue',
 'GHIElectronics.TinyCLR.Devices.Network.Provider.INetworkControllerProvider','GHIElectronics.TinyCLR.Networking.INetworkProvider',
 'System.Net.Sockets.SelectMode','System.Net.Sockets.SocketError']
def norm(t): # System.Int32 -> int etc
    m={'System.Int32':'int','System.Boolean':'bool','System.Void':'void','System.String':'string','System.Byte[]':'byte[]','System.UInt32':'uint'}
    for k,v in m.items(): t=t.replace(k,v)
    return re.sub(r'\b(?:[A-Za-z0-9_]+\.)+([A-Za-z0-9_]+)',r'\1',t)
cur=None; out=[]
for line in surf:
    if line.startswith('type '):
        cur=line.split()[2] if line.split()[2] not in('static','abstract','sealed') else line.split()[3]
        continue
    if cur not in want or not line.startswith('  '): continue
    f=[v for k,v in src.items() if cur.startswith(k)][0]
    code=re.sub(r'\s+',' ',open(os.path.join(SRC,f)).read())
    l=line.strip()
    if l.startswith('value '):
        n,v=l[6:].split(' = '); mm=re.search(r'\b%s\s*=\s*([-()0-9+ x]+?)\s*[,}]'%n,code); ok=mm is not None and eval(mm.group(1))==int(v); key='%s = %s'%(n,v)
    elif l.startswith('method ') or l.startswith('property ') or l.startswith('event '):
        body=norm(l.split(' ',2)[2]); body=re.sub(r'^(static|virtual|abstract|override) ','',body)
        if l.startswith('property '): body=body.split(' {')[0]
        key=body
        name=re.search(r'([A-Za-z0-9_]+)(\(|$)',body).group(1) if '(' in body else body.split()[-1]
        if '(' in body:
            params=body[body.index('(')+1:-1]
            types=[p.strip().split()[-2] if len(p.strip().split())>1 else '' for p in params.split(',')] if params else []
            pat=re.escape(name)+r'\s*\('+r'\s*,\s*'.join(r'(?:ref |out |params )?'+re.escape(t)+r'\s+\w+' for t in types)+r'\s*\)'
            ok=re.search(pat,code) is not None
        else:
            ok=re.search(re.escape(body.split()[-2])+r'\s+'+re.escape(name)+r'\b',code) is not None
    else: continue
    out.append((ok,cur.split('.')[-1],key))
for ok,t,k in out: print('OK ' if ok else 'BAD',t,'|',k)
print(len(out), sum(1 for o in out if o[0]))
sys.exit(0 if all(o[0] for o in out) else 1)
