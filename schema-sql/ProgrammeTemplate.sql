--=============================================================================
--
-- ProgrammeTemplate.sql
--
-- Schema script of the programme template tables of the Curation archive:
-- the detections, frame sets and merged sources of one programme.
--
-- {prog} is a placeholder: the tables are created once for each programme
-- that has tables of its own, with {prog} replaced by the programme's
-- Programme.tablePrefix (eg. lasDetection, lasMergeLog, lasSource for the
-- LAS, tablePrefix las). CU4 (ingest-detections) fills {prog}Detection from
-- the CASU imcore catalogues (an F tag names the catalogue column, TTYPEn);
-- CU7 (merge-sources) fills {prog}MergeLog and {prog}Source.
--
-- Modelled on the WSA lasDetection, lasMergeLog and lasSource tables.
--
--=============================================================================


-- Detections: one row per catalogue row.
CREATE TABLE {prog}Detection(
-------------------------------------------------------------------------------
--/H Contains the individual detections of the programme's detector frames.
--
--/T One row per detection in the CASU (imcore) source catalogue of each
--/T detector frame of the programme: CU4 reads the binary-table extension
--/T of the frame's catalogue and fills the columns with an F tag from the
--/T catalogue columns they name. Calibrated quantities are computed from the
--/T detector frame's calibration in MultiframeDetector and Multiframe:
--/T mag = photZPCat - 2.5 log10(flux / expTime) - aperCorN (aperture
--/T magnitudes only) - extinctionCat * ((amStart + amEnd) / 2 - 1), and
--/T magErr = 1.0857 fluxErr / flux. Positions are in degrees (J2000).
--/T
--/T Required constraints: primary key is (multiframeID, extNum, seqNum)
--/T (multiframeID, extNum) references MultiframeDetector(multiframeID, extNum)
-------------------------------------------------------------------------------
multiframeID bigint not null,                     --/D the multiframe the detection was measured on --/C ID_FRAME
extNum       tinyint not null,                    --/D the extension number of the detector frame the detection was measured on --/C NUMBER
seqNum       int not null,                        --/D the running number of the detection in its catalogue extension --/C ID_NUMBER --/F Sequence_number
cuEventID    int not null default -99999999,      --/D the curation event (CU4) that ingested the detection --/C REFER_CODE
objID        bigint not null default -99999999,   --/D the unique identifier of the detection over the whole archive, formed from multiframeID, extNum and seqNum --/C ID_MAIN --/Q multiframeID,extNum,seqNum --/N -99999999
filterID     tinyint not null default 0,          --/D the filter of the detector frame --/C INST_FILTER_CODE --/Q MultiframeDetector.filterID --/N 0
x            real not null default -0.9999995e9,  --/D the X co-ordinate of the detection on the detector frame (intensity-weighted centroid) --/U pixels --/C POS_CCD_X --/F X_coordinate --/N -0.9999995e9
xErr         real not null default -0.9999995e9,  --/D the error of x --/U pixels --/C ERROR --/F X_coordinate_err --/N -0.9999995e9
y            real not null default -0.9999995e9,  --/D the Y co-ordinate of the detection on the detector frame --/U pixels --/C POS_CCD_Y --/F Y_coordinate --/N -0.9999995e9
yErr         real not null default -0.9999995e9,  --/D the error of y --/U pixels --/C ERROR --/F Y_coordinate_err --/N -0.9999995e9
ra           float not null default -0.9999995e9, --/D the right ascension (J2000) of the detection; the catalogue gives radians (TUNIT Radians), converted to degrees by CU4; computed from x and y through the catalogue's WCS when the catalogue has no RA column --/U degrees --/C POS_EQ_RA_MAIN --/F RA --/Q x,y --/N -0.9999995e9
dec          float not null default -0.9999995e9, --/D the declination (J2000) of the detection; the catalogue gives radians, converted to degrees by CU4 --/U degrees --/C POS_EQ_DEC_MAIN --/F DEC --/Q x,y --/N -0.9999995e9
cx           float not null default -0.9999995e9, --/D the Cartesian x of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_X --/Q ra,dec --/N -0.9999995e9
cy           float not null default -0.9999995e9, --/D the Cartesian y of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Y --/Q ra,dec --/N -0.9999995e9
cz           float not null default -0.9999995e9, --/D the Cartesian z of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Z --/Q ra,dec --/N -0.9999995e9
htmID        bigint not null default -99999999,   --/D the Hierarchical Triangular Mesh (HTM) index, 20 deep, of the position --/C POS_GENERAL --/Q ra,dec --/L 20 --/N -99999999
l            float not null default -0.9999995e9, --/D the Galactic longitude of the detection --/U degrees --/C POS_GAL_LON --/Q ra,dec --/N -0.9999995e9
b            float not null default -0.9999995e9, --/D the Galactic latitude of the detection --/U degrees --/C POS_GAL_LAT --/Q ra,dec --/N -0.9999995e9
gausSig      real not null default -0.9999995e9,  --/D the RMS of the axes of the ellipse fitted to the detection's light distribution --/U pixels --/C EXTENSION_RAD --/F Gaussian_sigma --/N -0.9999995e9
ell          real not null default -0.9999995e9,  --/D the ellipticity (1-b/a) of the fitted ellipse --/C PHYS_ELLIPTICITY --/F Ellipticity --/N -0.9999995e9
pa           real not null default -0.9999995e9,  --/D the position angle of the major axis of the fitted ellipse, with respect to the X axis --/U degrees --/C POS_POS-ANG --/F Position_angle --/N -0.9999995e9
areal1       real not null default -0.9999995e9,  --/D the number of pixels above the isophotal threshold (areal profile 1) --/U pixels --/C EXTENSION_AREA --/F Areal_1_profile --/N -0.9999995e9
areal2       real not null default -0.9999995e9,  --/D the number of pixels above 2 x the threshold (areal profile 2) --/U pixels --/C EXTENSION_AREA --/F Areal_2_profile --/N -0.9999995e9
areal3       real not null default -0.9999995e9,  --/D the number of pixels above 4 x the threshold (areal profile 3) --/U pixels --/C EXTENSION_AREA --/F Areal_3_profile --/N -0.9999995e9
areal4       real not null default -0.9999995e9,  --/D the number of pixels above 8 x the threshold (areal profile 4) --/U pixels --/C EXTENSION_AREA --/F Areal_4_profile --/N -0.9999995e9
areal5       real not null default -0.9999995e9,  --/D the number of pixels above 16 x the threshold (areal profile 5) --/U pixels --/C EXTENSION_AREA --/F Areal_5_profile --/N -0.9999995e9
areal6       real not null default -0.9999995e9,  --/D the number of pixels above 32 x the threshold (areal profile 6) --/U pixels --/C EXTENSION_AREA --/F Areal_6_profile --/N -0.9999995e9
areal7       real not null default -0.9999995e9,  --/D the number of pixels above 64 x the threshold (areal profile 7) --/U pixels --/C EXTENSION_AREA --/F Areal_7_profile --/N -0.9999995e9
areal8       real not null default -0.9999995e9,  --/D the number of pixels above 128 x the threshold (areal profile 8) --/U pixels --/C EXTENSION_AREA --/F Areal_8_profile --/N -0.9999995e9
isoFlux      real not null default -0.9999995e9,  --/D the flux within the detection isophote --/U ADU --/C PHOT_INTENSITY_ADU --/F Isophotal_flux --/N -0.9999995e9
isoMag       real not null default -0.9999995e9,  --/D the calibrated isophotal magnitude --/U mag --/C PHOT_MAG --/Q isoFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
pHeight      real not null default -0.9999995e9,  --/D the peak height of the detection above the sky --/U ADU --/C PHOT_INTENSITY_ADU --/F Peak_height --/N -0.9999995e9
pHeightErr   real not null default -0.9999995e9,  --/D the error of pHeight --/U ADU --/C ERROR --/F Peak_height_err --/N -0.9999995e9
aperFlux1    real not null default -0.9999995e9,  --/D the flux within circular aperture 1 (radius 1/2 x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_1 --/N -0.9999995e9
aperFlux1Err real not null default -0.9999995e9,  --/D the error of aperFlux1 --/U ADU --/C ERROR --/F Aper_flux_1_err --/N -0.9999995e9
aperFlux2    real not null default -0.9999995e9,  --/D the flux within circular aperture 2 (radius 1/sqrt(2) x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_2 --/N -0.9999995e9
aperFlux2Err real not null default -0.9999995e9,  --/D the error of aperFlux2 --/U ADU --/C ERROR --/F Aper_flux_2_err --/N -0.9999995e9
aperFlux3    real not null default -0.9999995e9,  --/D the flux within circular aperture 3 (radius 1 x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_3 --/N -0.9999995e9
aperFlux3Err real not null default -0.9999995e9,  --/D the error of aperFlux3 --/U ADU --/C ERROR --/F Aper_flux_3_err --/N -0.9999995e9
aperFlux4    real not null default -0.9999995e9,  --/D the flux within circular aperture 4 (radius sqrt(2) x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_4 --/N -0.9999995e9
aperFlux4Err real not null default -0.9999995e9,  --/D the error of aperFlux4 --/U ADU --/C ERROR --/F Aper_flux_4_err --/N -0.9999995e9
aperFlux5    real not null default -0.9999995e9,  --/D the flux within circular aperture 5 (radius 2 x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_5 --/N -0.9999995e9
aperFlux5Err real not null default -0.9999995e9,  --/D the error of aperFlux5 --/U ADU --/C ERROR --/F Aper_flux_5_err --/N -0.9999995e9
aperFlux6    real not null default -0.9999995e9,  --/D the flux within circular aperture 6 (radius 2*sqrt(2) x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_6 --/N -0.9999995e9
aperFlux6Err real not null default -0.9999995e9,  --/D the error of aperFlux6 --/U ADU --/C ERROR --/F Aper_flux_6_err --/N -0.9999995e9
aperFlux7    real not null default -0.9999995e9,  --/D the flux within circular aperture 7 (radius 4 x MultiframeDetector.coreRadius) --/U ADU --/C PHOT_INTENSITY_ADU --/F Aper_flux_7 --/N -0.9999995e9
aperFlux7Err real not null default -0.9999995e9,  --/D the error of aperFlux7 --/U ADU --/C ERROR --/F Aper_flux_7_err --/N -0.9999995e9
aperMag1     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 1, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux1,MultiframeDetector.aperCor1,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag1Err  real not null default -0.9999995e9,  --/D the error of aperMag1 --/U mag --/C ERROR --/Q aperFlux1,aperFlux1Err --/N -0.9999995e9
aperMag2     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 2, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux2,MultiframeDetector.aperCor2,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag2Err  real not null default -0.9999995e9,  --/D the error of aperMag2 --/U mag --/C ERROR --/Q aperFlux2,aperFlux2Err --/N -0.9999995e9
aperMag3     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 3, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux3,MultiframeDetector.aperCor3,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag3Err  real not null default -0.9999995e9,  --/D the error of aperMag3 --/U mag --/C ERROR --/Q aperFlux3,aperFlux3Err --/N -0.9999995e9
aperMag4     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 4, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux4,MultiframeDetector.aperCor4,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag4Err  real not null default -0.9999995e9,  --/D the error of aperMag4 --/U mag --/C ERROR --/Q aperFlux4,aperFlux4Err --/N -0.9999995e9
aperMag5     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 5, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux5,MultiframeDetector.aperCor5,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag5Err  real not null default -0.9999995e9,  --/D the error of aperMag5 --/U mag --/C ERROR --/Q aperFlux5,aperFlux5Err --/N -0.9999995e9
aperMag6     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 6, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux6,MultiframeDetector.aperCor6,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag6Err  real not null default -0.9999995e9,  --/D the error of aperMag6 --/U mag --/C ERROR --/Q aperFlux6,aperFlux6Err --/N -0.9999995e9
aperMag7     real not null default -0.9999995e9,  --/D the calibrated magnitude in aperture 7, corrected for the flux outside the aperture (point sources) --/U mag --/C PHOT_MAG --/Q aperFlux7,MultiframeDetector.aperCor7,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
aperMag7Err  real not null default -0.9999995e9,  --/D the error of aperMag7 --/U mag --/C ERROR --/Q aperFlux7,aperFlux7Err --/N -0.9999995e9
petroRad     real not null default -0.9999995e9,  --/D the Petrosian radius --/U pixels --/C EXTENSION_RAD --/F Petr_radius --/N -0.9999995e9
kronRad      real not null default -0.9999995e9,  --/D the Kron radius --/U pixels --/C EXTENSION_RAD --/F Kron_radius --/N -0.9999995e9
hlRad        real not null default -0.9999995e9,  --/D the half-light radius --/U pixels --/C EXTENSION_RAD --/F Half_radius --/N -0.9999995e9
petroFlux    real not null default -0.9999995e9,  --/D the flux within the Petrosian aperture (2 x petroRad) --/U ADU --/C PHOT_INTENSITY_ADU --/F Petr_flux --/N -0.9999995e9
petroFluxErr real not null default -0.9999995e9,  --/D the error of petroFlux --/U ADU --/C ERROR --/F Petr_flux_err --/N -0.9999995e9
kronFlux     real not null default -0.9999995e9,  --/D the flux within the Kron aperture (2 x kronRad) --/U ADU --/C PHOT_INTENSITY_ADU --/F Kron_flux --/N -0.9999995e9
kronFluxErr  real not null default -0.9999995e9,  --/D the error of kronFlux --/U ADU --/C ERROR --/F Kron_flux_err --/N -0.9999995e9
hlFlux       real not null default -0.9999995e9,  --/D the flux within the half-light radius --/U ADU --/C PHOT_INTENSITY_ADU --/F Half_flux --/N -0.9999995e9
hlFluxErr    real not null default -0.9999995e9,  --/D the error of hlFlux --/U ADU --/C ERROR --/F Half_flux_err --/N -0.9999995e9
petroMag     real not null default -0.9999995e9,  --/D the calibrated Petrosian magnitude --/U mag --/C PHOT_MAG --/Q petroFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
petroMagErr  real not null default -0.9999995e9,  --/D the error of petroMag --/U mag --/C ERROR --/Q petroFlux,petroFluxErr --/N -0.9999995e9
kronMag      real not null default -0.9999995e9,  --/D the calibrated Kron magnitude --/U mag --/C PHOT_MAG --/Q kronFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
kronMagErr   real not null default -0.9999995e9,  --/D the error of kronMag --/U mag --/C ERROR --/Q kronFlux,kronFluxErr --/N -0.9999995e9
hlMag        real not null default -0.9999995e9,  --/D the calibrated magnitude within the half-light radius --/U mag --/C PHOT_MAG --/Q hlFlux,MultiframeDetector.photZPCat,Multiframe.expTime,Multiframe.amStart,Multiframe.amEnd,MultiframeDetector.extinctionCat --/N -0.9999995e9
hlMagErr     real not null default -0.9999995e9,  --/D the error of hlMag --/U mag --/C ERROR --/Q hlFlux,hlFluxErr --/N -0.9999995e9
errBits      int not null default -99999999,      --/D the pipeline's error flag of the detection: the number of bad pixels within its aperture (0 for a clean detection) --/C CODE_ERROR --/F Error_bit_flag --/N -99999999
sky          real not null default -0.9999995e9,  --/D the local sky level at the detection --/U ADU --/C PHOT_SB_SKY --/F Sky_level --/N -0.9999995e9
skyRms       real not null default -0.9999995e9,  --/D the rms of the local sky --/U ADU --/C PHOT_SB_SKY --/F Sky_rms --/N -0.9999995e9
avConf       real not null default -0.9999995e9,  --/D the average confidence (from the confidence map) within the default aperture; 100 is nominal --/C CODE_QUALITY --/F Av_conf --/N -0.9999995e9
class        smallint not null default -9999,     --/D the morphological classification: 1 galaxy, 0 noise, -1 stellar, -2 probable star, -3 probable galaxy, -9 saturated --/C CLASS_OBJECT --/F Classification --/N -9999
classStat    real not null default -0.9999995e9,  --/D the stellarness statistic: the number of sigma the detection's curve of growth lies from that of a point source (0 for a star) --/C STAT_PROP --/F Statistic --/N -0.9999995e9
ppErrBits    int not null default 0,              --/D post-processing error bits set by curation tasks after ingest (0 = none) --/C CODE_QUALITY
deprecated   tinyint not null default 0,          --/D deprecation flag: 0 for a detection in use; non-zero if its frame was deprecated --/C CODE_MISC
CONSTRAINT pk_{prog}Detection PRIMARY KEY (multiframeID, extNum, seqNum),
CONSTRAINT fk_{prog}Detection_MultiframeDetector FOREIGN KEY (multiframeID, extNum) REFERENCES MultiframeDetector(multiframeID, extNum)
)
GO

-- Frame sets: the detector frames merged together.
CREATE TABLE {prog}MergeLog(
-------------------------------------------------------------------------------
--/H Contains the frame sets: the detector frames merged together into sources.
--
--/T A frame set is a group of overlapping detector frames, one per filter
--/T required for the programme (RequiredFilters), that CU7 merges into
--/T {prog}Source. For each WFCAM passband Z Y J H K the frame set names its
--/T detector frame in the columns xmfID and xeNum (x = z, y, j, h, k), which
--/T refer to MultiframeDetector(multiframeID, extNum); passbands the set
--/T lacks keep the defaults.
--/T
--/T Required constraints: primary key is (frameSetID)
-------------------------------------------------------------------------------
frameSetID     bigint not null,                     --/D the unique identifier of the frame set, over the whole archive --/C ID_FIELD
cuEventID      int not null default -99999999,      --/D the curation event (CU7) that made the frame set --/C REFER_CODE
ra             float not null default -0.9999995e9, --/D the right ascension of the centre of the frame set (the mean of its frames' centres) --/U degrees --/C POS_EQ_RA_MAIN --/Q CurrentAstrometry.centralRA,CurrentAstrometry.centralDec --/N -0.9999995e9
dec            float not null default -0.9999995e9, --/D the declination of the centre of the frame set --/U degrees --/C POS_EQ_DEC_MAIN --/Q CurrentAstrometry.centralRA,CurrentAstrometry.centralDec --/N -0.9999995e9
cx             float not null default -0.9999995e9, --/D the Cartesian x of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_X --/Q ra,dec --/N -0.9999995e9
cy             float not null default -0.9999995e9, --/D the Cartesian y of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Y --/Q ra,dec --/N -0.9999995e9
cz             float not null default -0.9999995e9, --/D the Cartesian z of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Z --/Q ra,dec --/N -0.9999995e9
htmID          bigint not null default -99999999,   --/D the Hierarchical Triangular Mesh (HTM) index, 20 deep, of the centre --/C POS_GENERAL --/Q ra,dec --/L 20 --/N -99999999
zmfID          bigint not null default -99999999,   --/D the multiframe of the Z frame of the set; -99999999 if the set has none --/C ID_FRAME
zeNum          tinyint not null default 0,          --/D the extension number of the Z detector frame; 0 if the set has none --/C NUMBER
newZframe      tinyint not null default 0,          --/D flag: 1 if the Z frame is new since the last merge, else 0 --/C CODE_MISC --/V 0,1
ymfID          bigint not null default -99999999,   --/D the multiframe of the Y frame of the set; -99999999 if the set has none --/C ID_FRAME
yeNum          tinyint not null default 0,          --/D the extension number of the Y detector frame; 0 if the set has none --/C NUMBER
newYframe      tinyint not null default 0,          --/D flag: 1 if the Y frame is new since the last merge, else 0 --/C CODE_MISC --/V 0,1
jmfID          bigint not null default -99999999,   --/D the multiframe of the J frame of the set; -99999999 if the set has none --/C ID_FRAME
jeNum          tinyint not null default 0,          --/D the extension number of the J detector frame; 0 if the set has none --/C NUMBER
newJframe      tinyint not null default 0,          --/D flag: 1 if the J frame is new since the last merge, else 0 --/C CODE_MISC --/V 0,1
hmfID          bigint not null default -99999999,   --/D the multiframe of the H frame of the set; -99999999 if the set has none --/C ID_FRAME
heNum          tinyint not null default 0,          --/D the extension number of the H detector frame; 0 if the set has none --/C NUMBER
newHframe      tinyint not null default 0,          --/D flag: 1 if the H frame is new since the last merge, else 0 --/C CODE_MISC --/V 0,1
kmfID          bigint not null default -99999999,   --/D the multiframe of the K frame of the set; -99999999 if the set has none --/C ID_FRAME
keNum          tinyint not null default 0,          --/D the extension number of the K detector frame; 0 if the set has none --/C NUMBER
newKframe      tinyint not null default 0,          --/D flag: 1 if the K frame is new since the last merge, else 0 --/C CODE_MISC --/V 0,1
mergeSwVersion real not null default -0.9999995e9,  --/D the version of the merging software --/C ID_VERSION
newFrameSet    tinyint not null default 0,          --/D flag: 1 if the frame set is new or changed and its sources must be (re)merged, else 0 --/C CODE_MISC --/V 0,1
deprecated     tinyint not null default 0,          --/D deprecation flag: 0 for a frame set in use --/C CODE_MISC
CONSTRAINT pk_{prog}MergeLog PRIMARY KEY (frameSetID)
)
GO

-- Merged sources: one row per object.
CREATE TABLE {prog}Source(
-------------------------------------------------------------------------------
--/H Contains the merged sources: one row per object, its detections in each passband combined.
--
--/T CU7 pairs the detections of the detector frames of each frame set
--/T ({prog}MergeLog) that lie within Programme.pairingCriterion of each other
--/T and writes one row per object: its mean position, and for each WFCAM
--/T passband Z Y J H K the measurements of its detection in that passband
--/T (xSeqNum, with xmfID and xeNum of the frame set, x = z, y, j, h, k,
--/T identifies the detection in {prog}Detection). Passbands with no
--/T detection, or not required by the programme, keep the defaults. Colours
--/T are differences of the aperture 3 magnitudes.
--/T
--/T Required constraints: primary key is (sourceID)
--/T (frameSetID) references {prog}MergeLog(frameSetID)
-------------------------------------------------------------------------------
sourceID        bigint not null,                     --/D the unique identifier of the merged source over the whole archive --/C ID_MAIN
cuEventID       int not null default -99999999,      --/D the curation event (CU7) that made the source --/C REFER_CODE
frameSetID      bigint not null,                     --/D the frame set the source was merged from --/C ID_FIELD
ra              float not null default -0.9999995e9, --/D the right ascension (J2000) of the source: the mean of its detections' positions --/U degrees --/C POS_EQ_RA_MAIN --/Q {prog}Detection.ra,{prog}Detection.dec --/N -0.9999995e9
dec             float not null default -0.9999995e9, --/D the declination (J2000) of the source: the mean of its detections' positions --/U degrees --/C POS_EQ_DEC_MAIN --/Q {prog}Detection.ra,{prog}Detection.dec --/N -0.9999995e9
cx              float not null default -0.9999995e9, --/D the Cartesian x of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_X --/Q ra,dec --/N -0.9999995e9
cy              float not null default -0.9999995e9, --/D the Cartesian y of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Y --/Q ra,dec --/N -0.9999995e9
cz              float not null default -0.9999995e9, --/D the Cartesian z of the unit (ra, dec) vector on the celestial sphere --/C POS_EQ_Z --/Q ra,dec --/N -0.9999995e9
htmID           bigint not null default -99999999,   --/D the Hierarchical Triangular Mesh (HTM) index, 20 deep, of the position --/C POS_GENERAL --/Q ra,dec --/L 20 --/N -99999999
l               float not null default -0.9999995e9, --/D the Galactic longitude of the source --/U degrees --/C POS_GAL_LON --/Q ra,dec --/N -0.9999995e9
b               float not null default -0.9999995e9, --/D the Galactic latitude of the source --/U degrees --/C POS_GAL_LAT --/Q ra,dec --/N -0.9999995e9
priOrSec        bigint not null default 0,           --/D seaming flag: 0 if the source is the primary (or only) record of its object, else the frameSetID of the frame set holding the primary record of a duplicate in an overlap region --/C CODE_MISC
mergedClassStat real not null default -0.9999995e9,  --/D the merged stellarness statistic: the combination of the passbands' classStat --/C STAT_PROP --/Q zClassStat,yClassStat,jClassStat,hClassStat,kClassStat --/N -0.9999995e9
mergedClass     smallint not null default -9999,     --/D the merged classification, from mergedClassStat (-9 if any passband is saturated): 1 galaxy, 0 noise, -1 stellar, -2 probable star, -3 probable galaxy, -9 saturated --/C CLASS_OBJECT --/Q mergedClassStat,zClass,yClass,jClass,hClass,kClass --/N -9999
zmyPnt          real not null default -0.9999995e9,  --/D the point-source colour Z-Y (from aperMag3) --/U mag --/C PHOT_COLOR --/Q zAperMag3,yAperMag3 --/N -0.9999995e9
zmyPntErr       real not null default -0.9999995e9,  --/D the error of zmyPnt --/U mag --/C ERROR --/Q zAperMag3Err,yAperMag3Err --/N -0.9999995e9
ymjPnt          real not null default -0.9999995e9,  --/D the point-source colour Y-J (from aperMag3) --/U mag --/C PHOT_COLOR --/Q yAperMag3,jAperMag3 --/N -0.9999995e9
ymjPntErr       real not null default -0.9999995e9,  --/D the error of ymjPnt --/U mag --/C ERROR --/Q yAperMag3Err,jAperMag3Err --/N -0.9999995e9
jmhPnt          real not null default -0.9999995e9,  --/D the point-source colour J-H (from aperMag3) --/U mag --/C PHOT_COLOR --/Q jAperMag3,hAperMag3 --/N -0.9999995e9
jmhPntErr       real not null default -0.9999995e9,  --/D the error of jmhPnt --/U mag --/C ERROR --/Q jAperMag3Err,hAperMag3Err --/N -0.9999995e9
hmkPnt          real not null default -0.9999995e9,  --/D the point-source colour H-K (from aperMag3) --/U mag --/C PHOT_COLOR --/Q hAperMag3,kAperMag3 --/N -0.9999995e9
hmkPntErr       real not null default -0.9999995e9,  --/D the error of hmkPnt --/U mag --/C ERROR --/Q hAperMag3Err,kAperMag3Err --/N -0.9999995e9
zAperMag3       real not null default -0.9999995e9,  --/D the Z point-source magnitude in aperture 3 (radius 1 x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag3 --/N -0.9999995e9
zAperMag3Err    real not null default -0.9999995e9,  --/D the error of zAperMag3 --/U mag --/C ERROR --/Q {prog}Detection.aperMag3Err --/N -0.9999995e9
zAperMag4       real not null default -0.9999995e9,  --/D the Z point-source magnitude in aperture 4 (radius sqrt(2) x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag4 --/N -0.9999995e9
zAperMag4Err    real not null default -0.9999995e9,  --/D the error of zAperMag4 --/U mag --/C ERROR --/Q {prog}Detection.aperMag4Err --/N -0.9999995e9
zPetroMag       real not null default -0.9999995e9,  --/D the Z Petrosian magnitude (extended sources) --/U mag --/C PHOT_MAG --/Q {prog}Detection.petroMag --/N -0.9999995e9
zPetroMagErr    real not null default -0.9999995e9,  --/D the error of zPetroMag --/U mag --/C ERROR --/Q {prog}Detection.petroMagErr --/N -0.9999995e9
zGausig         real not null default -0.9999995e9,  --/D the RMS of the axes of the ellipse fitted in Z --/U pixels --/C EXTENSION_RAD --/Q {prog}Detection.gausSig --/N -0.9999995e9
zEll            real not null default -0.9999995e9,  --/D the ellipticity (1-b/a) in Z --/C PHYS_ELLIPTICITY --/Q {prog}Detection.ell --/N -0.9999995e9
zPA             real not null default -0.9999995e9,  --/D the position angle of the ellipse in Z, with respect to the X axis --/U degrees --/C POS_POS-ANG --/Q {prog}Detection.pa --/N -0.9999995e9
zErrBits        int not null default -99999999,      --/D the error flag of the Z detection --/C CODE_ERROR --/Q {prog}Detection.errBits --/N -99999999
zClass          smallint not null default -9999,     --/D the classification of the Z detection --/C CLASS_OBJECT --/Q {prog}Detection.class --/N -9999
zClassStat      real not null default -0.9999995e9,  --/D the stellarness statistic of the Z detection --/C STAT_PROP --/Q {prog}Detection.classStat --/N -0.9999995e9
zSeqNum         int not null default -99999999,      --/D the seqNum of the Z detection in {prog}Detection (on the Z frame of the frame set); -99999999 if none --/C ID_NUMBER --/Q {prog}Detection.seqNum --/N -99999999
yAperMag3       real not null default -0.9999995e9,  --/D the Y point-source magnitude in aperture 3 (radius 1 x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag3 --/N -0.9999995e9
yAperMag3Err    real not null default -0.9999995e9,  --/D the error of yAperMag3 --/U mag --/C ERROR --/Q {prog}Detection.aperMag3Err --/N -0.9999995e9
yAperMag4       real not null default -0.9999995e9,  --/D the Y point-source magnitude in aperture 4 (radius sqrt(2) x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag4 --/N -0.9999995e9
yAperMag4Err    real not null default -0.9999995e9,  --/D the error of yAperMag4 --/U mag --/C ERROR --/Q {prog}Detection.aperMag4Err --/N -0.9999995e9
yPetroMag       real not null default -0.9999995e9,  --/D the Y Petrosian magnitude (extended sources) --/U mag --/C PHOT_MAG --/Q {prog}Detection.petroMag --/N -0.9999995e9
yPetroMagErr    real not null default -0.9999995e9,  --/D the error of yPetroMag --/U mag --/C ERROR --/Q {prog}Detection.petroMagErr --/N -0.9999995e9
yGausig         real not null default -0.9999995e9,  --/D the RMS of the axes of the ellipse fitted in Y --/U pixels --/C EXTENSION_RAD --/Q {prog}Detection.gausSig --/N -0.9999995e9
yEll            real not null default -0.9999995e9,  --/D the ellipticity (1-b/a) in Y --/C PHYS_ELLIPTICITY --/Q {prog}Detection.ell --/N -0.9999995e9
yPA             real not null default -0.9999995e9,  --/D the position angle of the ellipse in Y, with respect to the X axis --/U degrees --/C POS_POS-ANG --/Q {prog}Detection.pa --/N -0.9999995e9
yErrBits        int not null default -99999999,      --/D the error flag of the Y detection --/C CODE_ERROR --/Q {prog}Detection.errBits --/N -99999999
yClass          smallint not null default -9999,     --/D the classification of the Y detection --/C CLASS_OBJECT --/Q {prog}Detection.class --/N -9999
yClassStat      real not null default -0.9999995e9,  --/D the stellarness statistic of the Y detection --/C STAT_PROP --/Q {prog}Detection.classStat --/N -0.9999995e9
ySeqNum         int not null default -99999999,      --/D the seqNum of the Y detection in {prog}Detection (on the Y frame of the frame set); -99999999 if none --/C ID_NUMBER --/Q {prog}Detection.seqNum --/N -99999999
jAperMag3       real not null default -0.9999995e9,  --/D the J point-source magnitude in aperture 3 (radius 1 x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag3 --/N -0.9999995e9
jAperMag3Err    real not null default -0.9999995e9,  --/D the error of jAperMag3 --/U mag --/C ERROR --/Q {prog}Detection.aperMag3Err --/N -0.9999995e9
jAperMag4       real not null default -0.9999995e9,  --/D the J point-source magnitude in aperture 4 (radius sqrt(2) x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag4 --/N -0.9999995e9
jAperMag4Err    real not null default -0.9999995e9,  --/D the error of jAperMag4 --/U mag --/C ERROR --/Q {prog}Detection.aperMag4Err --/N -0.9999995e9
jPetroMag       real not null default -0.9999995e9,  --/D the J Petrosian magnitude (extended sources) --/U mag --/C PHOT_MAG --/Q {prog}Detection.petroMag --/N -0.9999995e9
jPetroMagErr    real not null default -0.9999995e9,  --/D the error of jPetroMag --/U mag --/C ERROR --/Q {prog}Detection.petroMagErr --/N -0.9999995e9
jGausig         real not null default -0.9999995e9,  --/D the RMS of the axes of the ellipse fitted in J --/U pixels --/C EXTENSION_RAD --/Q {prog}Detection.gausSig --/N -0.9999995e9
jEll            real not null default -0.9999995e9,  --/D the ellipticity (1-b/a) in J --/C PHYS_ELLIPTICITY --/Q {prog}Detection.ell --/N -0.9999995e9
jPA             real not null default -0.9999995e9,  --/D the position angle of the ellipse in J, with respect to the X axis --/U degrees --/C POS_POS-ANG --/Q {prog}Detection.pa --/N -0.9999995e9
jErrBits        int not null default -99999999,      --/D the error flag of the J detection --/C CODE_ERROR --/Q {prog}Detection.errBits --/N -99999999
jClass          smallint not null default -9999,     --/D the classification of the J detection --/C CLASS_OBJECT --/Q {prog}Detection.class --/N -9999
jClassStat      real not null default -0.9999995e9,  --/D the stellarness statistic of the J detection --/C STAT_PROP --/Q {prog}Detection.classStat --/N -0.9999995e9
jSeqNum         int not null default -99999999,      --/D the seqNum of the J detection in {prog}Detection (on the J frame of the frame set); -99999999 if none --/C ID_NUMBER --/Q {prog}Detection.seqNum --/N -99999999
hAperMag3       real not null default -0.9999995e9,  --/D the H point-source magnitude in aperture 3 (radius 1 x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag3 --/N -0.9999995e9
hAperMag3Err    real not null default -0.9999995e9,  --/D the error of hAperMag3 --/U mag --/C ERROR --/Q {prog}Detection.aperMag3Err --/N -0.9999995e9
hAperMag4       real not null default -0.9999995e9,  --/D the H point-source magnitude in aperture 4 (radius sqrt(2) x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag4 --/N -0.9999995e9
hAperMag4Err    real not null default -0.9999995e9,  --/D the error of hAperMag4 --/U mag --/C ERROR --/Q {prog}Detection.aperMag4Err --/N -0.9999995e9
hPetroMag       real not null default -0.9999995e9,  --/D the H Petrosian magnitude (extended sources) --/U mag --/C PHOT_MAG --/Q {prog}Detection.petroMag --/N -0.9999995e9
hPetroMagErr    real not null default -0.9999995e9,  --/D the error of hPetroMag --/U mag --/C ERROR --/Q {prog}Detection.petroMagErr --/N -0.9999995e9
hGausig         real not null default -0.9999995e9,  --/D the RMS of the axes of the ellipse fitted in H --/U pixels --/C EXTENSION_RAD --/Q {prog}Detection.gausSig --/N -0.9999995e9
hEll            real not null default -0.9999995e9,  --/D the ellipticity (1-b/a) in H --/C PHYS_ELLIPTICITY --/Q {prog}Detection.ell --/N -0.9999995e9
hPA             real not null default -0.9999995e9,  --/D the position angle of the ellipse in H, with respect to the X axis --/U degrees --/C POS_POS-ANG --/Q {prog}Detection.pa --/N -0.9999995e9
hErrBits        int not null default -99999999,      --/D the error flag of the H detection --/C CODE_ERROR --/Q {prog}Detection.errBits --/N -99999999
hClass          smallint not null default -9999,     --/D the classification of the H detection --/C CLASS_OBJECT --/Q {prog}Detection.class --/N -9999
hClassStat      real not null default -0.9999995e9,  --/D the stellarness statistic of the H detection --/C STAT_PROP --/Q {prog}Detection.classStat --/N -0.9999995e9
hSeqNum         int not null default -99999999,      --/D the seqNum of the H detection in {prog}Detection (on the H frame of the frame set); -99999999 if none --/C ID_NUMBER --/Q {prog}Detection.seqNum --/N -99999999
kAperMag3       real not null default -0.9999995e9,  --/D the K point-source magnitude in aperture 3 (radius 1 x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag3 --/N -0.9999995e9
kAperMag3Err    real not null default -0.9999995e9,  --/D the error of kAperMag3 --/U mag --/C ERROR --/Q {prog}Detection.aperMag3Err --/N -0.9999995e9
kAperMag4       real not null default -0.9999995e9,  --/D the K point-source magnitude in aperture 4 (radius sqrt(2) x coreRadius, aperture corrected) --/U mag --/C PHOT_MAG --/Q {prog}Detection.aperMag4 --/N -0.9999995e9
kAperMag4Err    real not null default -0.9999995e9,  --/D the error of kAperMag4 --/U mag --/C ERROR --/Q {prog}Detection.aperMag4Err --/N -0.9999995e9
kPetroMag       real not null default -0.9999995e9,  --/D the K Petrosian magnitude (extended sources) --/U mag --/C PHOT_MAG --/Q {prog}Detection.petroMag --/N -0.9999995e9
kPetroMagErr    real not null default -0.9999995e9,  --/D the error of kPetroMag --/U mag --/C ERROR --/Q {prog}Detection.petroMagErr --/N -0.9999995e9
kGausig         real not null default -0.9999995e9,  --/D the RMS of the axes of the ellipse fitted in K --/U pixels --/C EXTENSION_RAD --/Q {prog}Detection.gausSig --/N -0.9999995e9
kEll            real not null default -0.9999995e9,  --/D the ellipticity (1-b/a) in K --/C PHYS_ELLIPTICITY --/Q {prog}Detection.ell --/N -0.9999995e9
kPA             real not null default -0.9999995e9,  --/D the position angle of the ellipse in K, with respect to the X axis --/U degrees --/C POS_POS-ANG --/Q {prog}Detection.pa --/N -0.9999995e9
kErrBits        int not null default -99999999,      --/D the error flag of the K detection --/C CODE_ERROR --/Q {prog}Detection.errBits --/N -99999999
kClass          smallint not null default -9999,     --/D the classification of the K detection --/C CLASS_OBJECT --/Q {prog}Detection.class --/N -9999
kClassStat      real not null default -0.9999995e9,  --/D the stellarness statistic of the K detection --/C STAT_PROP --/Q {prog}Detection.classStat --/N -0.9999995e9
kSeqNum         int not null default -99999999,      --/D the seqNum of the K detection in {prog}Detection (on the K frame of the frame set); -99999999 if none --/C ID_NUMBER --/Q {prog}Detection.seqNum --/N -99999999
CONSTRAINT pk_{prog}Source PRIMARY KEY (sourceID),
CONSTRAINT fk_{prog}Source_{prog}MergeLog FOREIGN KEY (frameSetID) REFERENCES {prog}MergeLog(frameSetID)
)
GO
